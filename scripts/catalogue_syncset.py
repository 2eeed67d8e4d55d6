"""Translations of the sync status bar, "Sync now" and the Settings dialog (merged into
``fill_catalogues.T``). Plural entries: (singular, plural) -> per language a tuple of forms
(fr/es: 2; ar: 6 in the order of the catalogue's formula: 0, 1, 2, n%100 in 3-10,
n%100 in 0-2 (100, 1000 ...), n%100 in 11-99)."""

from __future__ import annotations

TABLE: dict[str | tuple[str, str], dict[str, object]] = {
    # --- error sentences (messages.describe_sync_error) ---
    "This computer is not enrolled with headquarters yet. An administrator enrols it in "
    "Settings with a one-time code from headquarters.": {
        "fr": "Cet ordinateur n'est pas encore inscrit auprès du siège. Un administrateur "
        "l'inscrit dans Paramètres avec un code à usage unique fourni par le siège.",
        "es": "Este ordenador aún no está inscrito en la sede central. Un administrador lo "
        "inscribe en Configuración con un código de un solo uso de la sede central.",
        "ar": "هذا الحاسوب غير مسجَّل لدى المقر الرئيسي بعد. يسجّله المسؤول من الإعدادات "
        "برمز يُستخدم مرة واحدة يقدّمه المقر الرئيسي.",
    },
    "Headquarters refused this computer. Your work is kept; ask your administrator to "
    "check the enrolment.": {
        "fr": "Le siège a refusé cet ordinateur. Votre travail est conservé ; demandez à votre "
        "administrateur de vérifier l'inscription.",
        "es": "La sede central rechazó este ordenador. Su trabajo se conserva; pida a su "
        "administrador que compruebe la inscripción.",
        "ar": "رفض المقر الرئيسي هذا الحاسوب. عملك محفوظ؛ اطلب من المسؤول التحقق من التسجيل.",
    },
    "Headquarters refused some changes. They are kept and will be sent again; if this "
    "stays, tell your administrator.": {
        "fr": "Le siège a refusé certaines modifications. Elles sont conservées et seront "
        "renvoyées ; si cela persiste, prévenez votre administrateur.",
        "es": "La sede central rechazó algunos cambios. Se conservan y se enviarán de nuevo; "
        "si persiste, avise a su administrador.",
        "ar": "رفض المقر الرئيسي بعض التغييرات. إنها محفوظة وستُرسَل مجددًا؛ إن استمر ذلك "
        "فأبلغ المسؤول.",
    },
    "The database must be upgraded first: sign out and sign in again.": {
        "fr": "La base de données doit d'abord être mise à niveau : déconnectez-vous puis "
        "reconnectez-vous.",
        "es": "Primero hay que actualizar la base de datos: cierre la sesión y vuelva a iniciarla.",
        "ar": "يجب ترقية قاعدة البيانات أولًا: سجّل الخروج ثم سجّل الدخول مجددًا.",
    },
    "Headquarters cannot be reached; your work is kept and will be sent later. Check the "
    "network connection and try again.": {
        "fr": "Le siège est injoignable ; votre travail est conservé et sera envoyé plus tard. "
        "Vérifiez la connexion réseau et réessayez.",
        "es": "No se puede contactar con la sede central; su trabajo se conserva y se enviará "
        "más tarde. Compruebe la conexión de red e inténtelo de nuevo.",
        "ar": "تعذّر الوصول إلى المقر الرئيسي؛ عملك محفوظ وسيُرسَل لاحقًا. تحقّق من اتصال "
        "الشبكة وحاول مجددًا.",
    },
    # --- status bar ---
    "never": {"fr": "jamais", "es": "nunca", "ar": "أبدًا"},
    "just now": {"fr": "à l'instant", "es": "ahora mismo", "ar": "الآن"},
    ("{n} min ago", "{n} min ago"): {
        "fr": ("il y a {n} min", "il y a {n} min"),
        "es": ("hace {n} min", "hace {n} min"),
        "ar": (
            "منذ {n} دقيقة",
            "منذ دقيقة واحدة",
            "منذ دقيقتين",
            "منذ {n} دقائق",
            "منذ {n} دقيقة",
            "منذ {n} دقيقة",
        ),
    },
    ("{n} hour ago", "{n} hours ago"): {
        "fr": ("il y a {n} heure", "il y a {n} heures"),
        "es": ("hace {n} hora", "hace {n} horas"),
        "ar": (
            "منذ {n} ساعة",
            "منذ ساعة واحدة",
            "منذ ساعتين",
            "منذ {n} ساعات",
            "منذ {n} ساعة",
            "منذ {n} ساعة",
        ),
    },
    ("{n} day ago", "{n} days ago"): {
        "fr": ("il y a {n} jour", "il y a {n} jours"),
        "es": ("hace {n} día", "hace {n} días"),
        "ar": (
            "منذ {n} يوم",
            "منذ يوم واحد",
            "منذ يومين",
            "منذ {n} أيام",
            "منذ {n} يوم",
            "منذ {n} يومًا",
        ),
    },
    "S&ync now": {"fr": "S&ynchroniser", "es": "S&incronizar ahora", "ar": "مزامنة الآن"},
    "Sync now": {"fr": "Synchroniser", "es": "Sincronizar ahora", "ar": "مزامنة الآن"},
    "Send your changes to headquarters and fetch updates": {
        "fr": "Envoyer vos modifications au siège et récupérer les mises à jour",
        "es": "Enviar sus cambios a la sede central y obtener las actualizaciones",
        "ar": "أرسل تغييراتك إلى المقر الرئيسي واجلب التحديثات",
    },
    "Synchronising with headquarters": {
        "fr": "Synchronisation avec le siège",
        "es": "Sincronizando con la sede central",
        "ar": "جارٍ التزامن مع المقر الرئيسي",
    },
    "Sync status": {
        "fr": "État de la synchronisation",
        "es": "Estado de la sincronización",
        "ar": "حالة المزامنة",
    },
    ("{count} change waiting to be sent", "{count} changes waiting to be sent"): {
        "fr": (
            "{count} modification en attente d'envoi",
            "{count} modifications en attente d'envoi",
        ),
        "es": ("{count} cambio pendiente de envío", "{count} cambios pendientes de envío"),
        "ar": (
            "لا تغييرات بانتظار الإرسال",
            "تغيير واحد بانتظار الإرسال",
            "تغييران بانتظار الإرسال",
            "{count} تغييرات بانتظار الإرسال",
            "{count} تغيير بانتظار الإرسال",
            "{count} تغييرًا بانتظار الإرسال",
        ),
    },
    "Synchronising…": {"fr": "Synchronisation…", "es": "Sincronizando…", "ar": "جارٍ التزامن…"},
    "Last sync: {when}": {
        "fr": "Dernière synchronisation : {when}",
        "es": "Última sincronización: {when}",
        "ar": "آخر مزامنة: {when}",
    },
    ("{count} document number left", "{count} document numbers left"): {
        "fr": ("{count} numéro de document restant", "{count} numéros de document restants"),
        "es": ("queda {count} número de documento", "quedan {count} números de documento"),
        "ar": (
            "لم يبقَ أي رقم وثيقة",
            "بقي رقم وثيقة واحد",
            "بقي رقما وثيقة",
            "بقيت {count} أرقام وثائق",
            "بقي {count} رقم وثيقة",
            "بقي {count} رقمًا للوثائق",
        ),
    },
    "No sync problem": {
        "fr": "Aucun problème de synchronisation",
        "es": "Ningún problema de sincronización",
        "ar": "لا توجد مشكلة في المزامنة",
    },
    # --- main window ---
    "&Tools": {"fr": "&Outils", "es": "&Herramientas", "ar": "الأدوات"},
    "S&ettings…": {"fr": "&Paramètres…", "es": "&Configuración…", "ar": "الإعدادات…"},
    # --- settings dialog ---
    "Settings": {"fr": "Paramètres", "es": "Configuración", "ar": "الإعدادات"},
    "&General": {"fr": "&Général", "es": "&General", "ar": "عام"},
    "&Retention": {"fr": "&Conservation", "es": "&Conservación", "ar": "مدة الاحتفاظ"},
    "&Printer": {"fr": "&Imprimante", "es": "&Impresora", "ar": "الطابعة"},
    "&Idle lock": {"fr": "&Verrouillage", "es": "&Bloqueo", "ar": "القفل التلقائي"},
    "&Headquarters": {"fr": "&Siège", "es": "&Sede central", "ar": "المقر الرئيسي"},
    "Mission code": {"fr": "Code de la mission", "es": "Código de la misión", "ar": "رمز البعثة"},
    "Mission name": {"fr": "Nom de la mission", "es": "Nombre de la misión", "ar": "اسم البعثة"},
    "The mission is set when Laissez is installed and enrolled with headquarters; it cannot "
    "be changed here.": {
        "fr": "La mission est fixée à l'installation de Laissez et à son inscription auprès du "
        "siège ; elle ne peut pas être modifiée ici.",
        "es": "La misión se fija al instalar Laissez e inscribirlo en la sede central; no se "
        "puede cambiar aquí.",
        "ar": "تُحدَّد البعثة عند تثبيت Laissez وتسجيله لدى المقر الرئيسي؛ ولا يمكن تغييرها هنا.",
    },
    "Interface &language": {
        "fr": "&Langue de l'interface",
        "es": "&Idioma de la interfaz",
        "ar": "لغة الواجهة",
    },
    "Interface language": {
        "fr": "Langue de l'interface",
        "es": "Idioma de la interfaz",
        "ar": "لغة الواجهة",
    },
    "&Default printer": {
        "fr": "Imprimante par &défaut",
        "es": "Impresora pre&determinada",
        "ar": "الطابعة الافتراضية",
    },
    "Default printer": {
        "fr": "Imprimante par défaut",
        "es": "Impresora predeterminada",
        "ar": "الطابعة الافتراضية",
    },
    "The system's default printer": {
        "fr": "L'imprimante par défaut du système",
        "es": "La impresora predeterminada del sistema",
        "ar": "الطابعة الافتراضية للنظام",
    },
    "Documents are printed on this printer unless you choose another one.": {
        "fr": "Les documents sont imprimés sur cette imprimante sauf si vous en choisissez "
        "une autre.",
        "es": "Los documentos se imprimen en esta impresora salvo que elija otra.",
        "ar": "تُطبع الوثائق على هذه الطابعة ما لم تختر طابعة أخرى.",
    },
    "No printer is installed on this computer. Ask your administrator to install one before "
    "printing travel documents.": {
        "fr": "Aucune imprimante n'est installée sur cet ordinateur. Demandez à votre "
        "administrateur d'en installer une avant d'imprimer des titres de voyage.",
        "es": "No hay ninguna impresora instalada en este ordenador. Pida a su administrador "
        "que instale una antes de imprimir documentos de viaje.",
        "ar": "لا توجد طابعة مثبّتة على هذا الحاسوب. اطلب من المسؤول تثبيت طابعة قبل طباعة "
        "وثائق السفر.",
    },
    "Lock after (&minutes without activity)": {
        "fr": "Verrouiller après (&minutes sans activité)",
        "es": "Bloquear tras (&minutos sin actividad)",
        "ar": "القفل بعد (دقائق دون نشاط)",
    },
    "Minutes without activity before the lock": {
        "fr": "Minutes sans activité avant le verrouillage",
        "es": "Minutos sin actividad antes del bloqueo",
        "ar": "دقائق دون نشاط قبل القفل",
    },
    "min": {"fr": "min", "es": "min", "ar": "دقيقة"},
    "This computer's deployment sets the idle lock.": {
        "fr": "Le déploiement de cet ordinateur fixe le délai de verrouillage.",
        "es": "La implantación de este ordenador fija el bloqueo por inactividad.",
        "ar": "إعدادات نشر هذا الحاسوب هي التي تحدد القفل التلقائي.",
    },
    "The window locks when no one uses it for this long; the passphrase opens it again. The "
    "new time applies as soon as you save.": {
        "fr": "La fenêtre se verrouille si personne ne l'utilise pendant ce temps ; la phrase "
        "secrète la rouvre. Le nouveau délai s'applique dès l'enregistrement.",
        "es": "La ventana se bloquea si nadie la usa durante este tiempo; la frase de "
        "contraseña la vuelve a abrir. El nuevo tiempo se aplica en cuanto guarde.",
        "ar": "تُقفل النافذة إذا لم يستخدمها أحد طوال هذه المدة؛ وتفتحها عبارة المرور من جديد. "
        "تُطبَّق المدة الجديدة فور الحفظ.",
    },
    "&Save": {"fr": "&Enregistrer", "es": "&Guardar", "ar": "حفظ"},
    "Cancel": {"fr": "Annuler", "es": "Cancelar", "ar": "إلغاء"},
    "Case status": {"fr": "Statut du dossier", "es": "Estado del expediente", "ar": "حالة الملف"},
    "Keep for (days)": {
        "fr": "Conserver (jours)",
        "es": "Conservar (días)",
        "ar": "مدة الاحتفاظ (أيام)",
    },
    "Retention rules": {
        "fr": "Règles de conservation",
        "es": "Reglas de conservación",
        "ar": "قواعد الاحتفاظ",
    },
    "No limit": {"fr": "Sans limite", "es": "Sin límite", "ar": "دون حد"},
    "Days to keep personal data of cases in status {status}": {
        "fr": "Jours de conservation des données personnelles des dossiers au statut {status}",
        "es": "Días de conservación de los datos personales de los expedientes en estado {status}",
        "ar": "عدد أيام الاحتفاظ بالبيانات الشخصية للملفات في الحالة {status}",
    },
    "Personal data of a case is removed this many days after the case entered the status. "
    "Choose \u201cNo limit\u201d to keep it. Changes are recorded in the audit log.": {
        "fr": "Les données personnelles d'un dossier sont effacées ce nombre de jours après "
        "son passage à ce statut. Choisissez « Sans limite » pour les garder. Les "
        "changements sont inscrits au journal d'audit.",
        "es": "Los datos personales de un expediente se borran este número de días después "
        "de que pase a ese estado. Elija «Sin límite» para conservarlos. Los cambios quedan "
        "registrados en el registro de auditoría.",
        "ar": "تُحذف البيانات الشخصية للملف بعد هذا العدد من الأيام من دخوله هذه الحالة. "
        "اختر «دون حد» للاحتفاظ بها. تُسجَّل التغييرات في سجل التدقيق.",
    },
    "Personal data of a case is removed this many days after the case entered the status. "
    "Only an administrator can change these rules.": {
        "fr": "Les données personnelles d'un dossier sont effacées ce nombre de jours après "
        "son passage à ce statut. Seul un administrateur peut modifier ces règles.",
        "es": "Los datos personales de un expediente se borran este número de días después "
        "de que pase a ese estado. Solo un administrador puede cambiar estas reglas.",
        "ar": "تُحذف البيانات الشخصية للملف بعد هذا العدد من الأيام من دخوله هذه الحالة. "
        "لا يغيّر هذه القواعد إلا المسؤول.",
    },
    "This computer is enrolled with headquarters for mission {code}.": {
        "fr": "Cet ordinateur est inscrit auprès du siège pour la mission {code}.",
        "es": "Este ordenador está inscrito en la sede central para la misión {code}.",
        "ar": "هذا الحاسوب مسجَّل لدى المقر الرئيسي للبعثة {code}.",
    },
    "This computer is not enrolled with headquarters yet: changes are kept here until it is.": {
        "fr": "Cet ordinateur n'est pas encore inscrit auprès du siège : les modifications "
        "sont conservées ici en attendant.",
        "es": "Este ordenador aún no está inscrito en la sede central: los cambios se "
        "conservan aquí mientras tanto.",
        "ar": "هذا الحاسوب غير مسجَّل لدى المقر الرئيسي بعد: تُحفظ التغييرات هنا إلى حين تسجيله.",
    },
    "Headquarters &address": {
        "fr": "&Adresse du siège",
        "es": "&Dirección de la sede central",
        "ar": "عنوان المقر الرئيسي",
    },
    "Headquarters address": {
        "fr": "Adresse du siège",
        "es": "Dirección de la sede central",
        "ar": "عنوان المقر الرئيسي",
    },
    "One-time &code": {
        "fr": "&Code à usage unique",
        "es": "&Código de un solo uso",
        "ar": "رمز لمرة واحدة",
    },
    "One-time enrolment code": {
        "fr": "Code d'inscription à usage unique",
        "es": "Código de inscripción de un solo uso",
        "ar": "رمز تسجيل لمرة واحدة",
    },
    "&Enrol this computer": {
        "fr": "&Inscrire cet ordinateur",
        "es": "&Inscribir este ordenador",
        "ar": "تسجيل هذا الحاسوب",
    },
    "Enrol this computer": {
        "fr": "Inscrire cet ordinateur",
        "es": "Inscribir este ordenador",
        "ar": "تسجيل هذا الحاسوب",
    },
    "Enrolling": {"fr": "Inscription en cours", "es": "Inscribiendo", "ar": "جارٍ التسجيل"},
    "Headquarters gives a one-time code for each computer. Type its address and the code, "
    "then enrol.": {
        "fr": "Le siège fournit un code à usage unique pour chaque ordinateur. Saisissez son "
        "adresse et le code, puis inscrivez l'ordinateur.",
        "es": "La sede central da un código de un solo uso para cada ordenador. Escriba su "
        "dirección y el código y luego inscríbalo.",
        "ar": "يقدّم المقر الرئيسي رمزًا لمرة واحدة لكل حاسوب. اكتب عنوانه والرمز ثم سجّل.",
    },
    "Only an administrator can enrol this computer with headquarters.": {
        "fr": "Seul un administrateur peut inscrire cet ordinateur auprès du siège.",
        "es": "Solo un administrador puede inscribir este ordenador en la sede central.",
        "ar": "لا يسجّل هذا الحاسوب لدى المقر الرئيسي إلا المسؤول.",
    },
    "Type the headquarters address and the one-time code.": {
        "fr": "Saisissez l'adresse du siège et le code à usage unique.",
        "es": "Escriba la dirección de la sede central y el código de un solo uso.",
        "ar": "اكتب عنوان المقر الرئيسي والرمز المخصص لمرة واحدة.",
    },
}
