"""Translations of the desktop's sign-in, setup, case list and case view strings
(merged into ``fill_catalogues.T``; a separate table keeps merges between features easy)."""

from __future__ import annotations

DESKTOP: dict[str, dict[str, object]] = {
    "&Case": {"fr": "&Dossier", "es": "&Expediente", "ar": "الملف"},
    "&Certificate": {"fr": "&Certificat", "es": "&Certificado", "ar": "الشهادة"},
    "&Display name": {"fr": "Nom &affiché", "es": "Nombre &visible", "ar": "الاسم الظاهر"},
    "&New case": {"fr": "&Nouveau dossier", "es": "&Nuevo expediente", "ar": "ملف جديد"},
    "&Passphrase": {"fr": "&Phrase secrète", "es": "&Frase de contraseña", "ar": "عبارة المرور"},
    "&Repeat passphrase": {
        "fr": "&Répéter la phrase secrète",
        "es": "&Repetir la frase de contraseña",
        "ar": "أعد كتابة عبارة المرور",
    },
    "&Search": {"fr": "&Rechercher", "es": "&Buscar", "ar": "بحث"},
    "&User name": {"fr": "Nom d'&utilisateur", "es": "Nombre de &usuario", "ar": "اسم المستخدم"},
    "A file could not be read. Check that it exists and that you may open it.": {
        "fr": "Un fichier n'a pas pu être lu. Vérifiez qu'il existe et que vous pouvez l'ouvrir.",
        "es": "No se pudo leer un archivo. Compruebe que existe y que puede abrirlo.",
        "ar": "تعذّرت قراءة ملف. تحقّق من وجوده ومن أنّ لديك إذنًا بفتحه.",
    },
    "A passphrase has at least {count} characters.": {
        "fr": "Une phrase secrète compte au moins {count} caractères.",
        "es": "Una frase de contraseña tiene al menos {count} caracteres.",
        "ar": "تتكوّن عبارة المرور من {count} حرفًا على الأقل.",
    },
    "Advised of rights": {
        "fr": "Informé de ses droits",
        "es": "Informado de sus derechos",
        "ar": "أُبلغ بحقوقه",
    },
    "All": {"fr": "Tous", "es": "Todos", "ar": "الكل"},
    "Approved": {"fr": "Approuvé", "es": "Aprobado", "ar": "موافق عليه"},
    "Back to the case list": {
        "fr": "Retour à la liste des dossiers",
        "es": "Volver a la lista de expedientes",
        "ar": "العودة إلى قائمة الملفات",
    },
    "Before a travel document can be issued": {
        "fr": "Avant de pouvoir délivrer un titre de voyage",
        "es": "Antes de poder expedir un documento de viaje",
        "ar": "قبل إصدار وثيقة سفر",
    },
    "Case": {"fr": "Dossier", "es": "Expediente", "ar": "الملف"},
    "Case {number}": {
        "fr": "Dossier {number}",
        "es": "Expediente {number}",
        "ar": "الملف {number}",
    },
    "Cases": {"fr": "Dossiers", "es": "Expedientes", "ar": "الملفات"},
    "Choose the three files, or skip this step.": {
        "fr": "Choisissez les trois fichiers, ou passez cette étape.",
        "es": "Elija los tres archivos u omita este paso.",
        "ar": "اختر الملفات الثلاثة، أو تخطَّ هذه الخطوة.",
    },
    "Choose…": {"fr": "Choisir…", "es": "Elegir…", "ar": "اختيار…"},
    "Closed": {"fr": "Clos", "es": "Cerrado", "ar": "مغلق"},
    "Closed without document": {
        "fr": "Clos sans document",
        "es": "Cerrado sin documento",
        "ar": "مغلق دون وثيقة",
    },
    "Consent declined": {
        "fr": "Consentement refusé",
        "es": "Consentimiento denegado",
        "ar": "رُفضت الموافقة",
    },
    "Consent recorded": {
        "fr": "Consentement enregistré",
        "es": "Consentimiento registrado",
        "ar": "سُجّلت الموافقة",
    },
    "Consent withdrawn": {
        "fr": "Consentement retiré",
        "es": "Consentimiento retirado",
        "ar": "سُحبت الموافقة",
    },
    "Create the database": {
        "fr": "Créer la base de données",
        "es": "Crear la base de datos",
        "ar": "إنشاء قاعدة البيانات",
    },
    "Document issued": {"fr": "Document délivré", "es": "Documento expedido", "ar": "صدرت الوثيقة"},
    "Document number": {
        "fr": "Numéro du document",
        "es": "Número del documento",
        "ar": "رقم الوثيقة",
    },
    "Documents": {"fr": "Documents", "es": "Documentos", "ar": "الوثائق"},
    "Draft": {"fr": "Brouillon", "es": "Borrador", "ar": "مسودة"},
    "Fill in every field marked as required.": {
        "fr": "Remplissez chaque champ obligatoire.",
        "es": "Rellene todos los campos obligatorios.",
        "ar": "املأ كل حقل إلزامي.",
    },
    "Headquarters &root": {
        "fr": "&Racine du siège",
        "es": "&Raíz de la sede",
        "ar": "شهادة الجذر للمقر",
    },
    "Identified": {"fr": "Identifié", "es": "Identificado", "ar": "تم التعرف على الهوية"},
    "Identity document": {
        "fr": "Pièce d'identité",
        "es": "Documento de identidad",
        "ar": "وثيقة الهوية",
    },
    "Identity not recorded yet": {
        "fr": "Identité pas encore enregistrée",
        "es": "Identidad aún no registrada",
        "ar": "لم تُسجَّل الهوية بعد",
    },
    "Install the key": {"fr": "Installer la clé", "es": "Instalar la clave", "ar": "تثبيت المفتاح"},
    "Interviewed": {"fr": "Entretien fait", "es": "Entrevistado", "ar": "أُجريت المقابلة"},
    "Key pass&word": {
        "fr": "&Mot de passe de la clé",
        "es": "&Contraseña de la clave",
        "ar": "كلمة مرور المفتاح",
    },
    "MRZ check": {
        "fr": "Vérification ZLA",
        "es": "Verificación ZLM",
        "ar": "التحقق من منطقة القراءة الآلية",
    },
    "Mission &code": {
        "fr": "&Code de la mission",
        "es": "&Código de la misión",
        "ar": "رمز البعثة",
    },
    "Mission &name": {"fr": "&Nom de la mission", "es": "&Nombre de la misión", "ar": "اسم البعثة"},
    "Mission signing key": {
        "fr": "Clé de signature de la mission",
        "es": "Clave de firma de la misión",
        "ar": "مفتاح توقيع البعثة",
    },
    "Name": {"fr": "Nom", "es": "Nombre", "ar": "الاسم"},
    "Name (Latin)": {
        "fr": "Nom (latin)",
        "es": "Nombre (latino)",
        "ar": "الاسم (بالحروف اللاتينية)",
    },
    "Name, document number or case number": {
        "fr": "Nom, numéro de document ou de dossier",
        "es": "Nombre, número de documento o de expediente",
        "ar": "الاسم أو رقم الوثيقة أو رقم الملف",
    },
    "No database was found here. Name your mission and create the first administrator; the "
    "database is encrypted with this passphrase.": {
        "fr": "Aucune base de données ici. Nommez votre mission et créez le premier "
        "administrateur ; la base est chiffrée avec cette phrase secrète.",
        "es": "No hay ninguna base de datos aquí. Indique su misión y cree el primer "
        "administrador; la base se cifra con esta frase de contraseña.",
        "ar": "لا توجد قاعدة بيانات هنا. سمِّ بعثتك وأنشئ أول مسؤول؛ تُشفَّر قاعدة البيانات "
        "بعبارة المرور هذه.",
    },
    "No document recorded yet.": {
        "fr": "Aucun document enregistré pour l'instant.",
        "es": "Aún no hay ningún documento registrado.",
        "ar": "لم تُسجَّل أي وثيقة بعد.",
    },
    "PEM files (*.pem *.crt *.key);;All files (*)": {
        "fr": "Fichiers PEM (*.pem *.crt *.key);;Tous les fichiers (*)",
        "es": "Archivos PEM (*.pem *.crt *.key);;Todos los archivos (*)",
        "ar": "ملفات PEM (*.pem *.crt *.key);;كل الملفات (*)",
    },
    "Passphrase": {"fr": "Phrase secrète", "es": "Frase de contraseña", "ar": "عبارة المرور"},
    "Private &key": {"fr": "&Clé privée", "es": "Clave &privada", "ar": "المفتاح الخاص"},
    "Protection referral": {
        "fr": "Orientation vers la protection",
        "es": "Derivación a protección",
        "ar": "إحالة إلى الحماية",
    },
    "S&tatus": {"fr": "É&tat", "es": "Es&tado", "ar": "الحالة"},
    "Search cases": {
        "fr": "Rechercher des dossiers",
        "es": "Buscar expedientes",
        "ar": "البحث في الملفات",
    },
    "Set up Laissez on this computer": {
        "fr": "Installer Laissez sur cet ordinateur",
        "es": "Configurar Laissez en este equipo",
        "ar": "إعداد Laissez على هذا الحاسوب",
    },
    "Sign &out": {"fr": "Se &déconnecter", "es": "Cerrar &sesión", "ar": "تسجيل الخروج"},
    "Sign in": {"fr": "Se connecter", "es": "Iniciar sesión", "ar": "تسجيل الدخول"},
    "Sign in to Laissez": {
        "fr": "Connexion à Laissez",
        "es": "Iniciar sesión en Laissez",
        "ar": "تسجيل الدخول إلى Laissez",
    },
    "Sign out": {"fr": "Se déconnecter", "es": "Cerrar sesión", "ar": "تسجيل الخروج"},
    "Signed in as {user}": {
        "fr": "Connecté : {user}",
        "es": "Sesión de {user}",
        "ar": "مسجَّل الدخول باسم {user}",
    },
    "Type the passphrase twice.": {
        "fr": "Tapez la phrase secrète deux fois.",
        "es": "Escriba la frase de contraseña dos veces.",
        "ar": "اكتب عبارة المرور مرتين.",
    },
    "Type your passphrase to unlock.": {
        "fr": "Tapez votre phrase secrète pour déverrouiller.",
        "es": "Escriba su frase de contraseña para desbloquear.",
        "ar": "اكتب عبارة المرور لفتح القفل.",
    },
    "Skip for now": {"fr": "Passer pour l'instant", "es": "Omitir por ahora", "ar": "تخطٍّ الآن"},
    "Status": {"fr": "État", "es": "Estado", "ar": "الحالة"},
    "Status filter": {"fr": "Filtre d'état", "es": "Filtro de estado", "ar": "تصفية حسب الحالة"},
    "Status: {status}": {
        "fr": "État : {status}",
        "es": "Estado: {status}",
        "ar": "الحالة: {status}",
    },
    "The database or its key file is damaged. Restore the latest backup, or ask your "
    "administrator.": {
        "fr": "La base de données ou son fichier de clés est endommagé. Restaurez la dernière "
        "sauvegarde, ou demandez à votre administrateur.",
        "es": "La base de datos o su archivo de claves está dañado. Restaure la última copia "
        "de seguridad o consulte a su administrador.",
        "ar": "قاعدة البيانات أو ملف مفاتيحها تالف. استعد آخر نسخة احتياطية، أو اسأل المسؤول.",
    },
    "The two passphrases differ.": {
        "fr": "Les deux phrases secrètes diffèrent.",
        "es": "Las dos frases de contraseña no coinciden.",
        "ar": "عبارتا المرور مختلفتان.",
    },
    "The two passphrases match.": {
        "fr": "Les deux phrases secrètes sont identiques.",
        "es": "Las dos frases de contraseña coinciden.",
        "ar": "عبارتا المرور متطابقتان.",
    },
    "The user name or the passphrase is not right. Type the passphrase again.": {
        "fr": "Le nom d'utilisateur ou la phrase secrète est incorrect. "
        "Tapez de nouveau la phrase secrète.",
        "es": "El nombre de usuario o la frase de contraseña no es correcto. "
        "Escriba de nuevo la frase de contraseña.",
        "ar": "اسم المستخدم أو عبارة المرور غير صحيح. اكتب عبارة المرور مرة أخرى.",
    },
    "These files are not a valid mission signing key: check that the key matches the "
    "certificate, that headquarters issued it, that it is still valid, and the password.": {
        "fr": "Ces fichiers ne forment pas une clé de signature valide : vérifiez que la clé "
        "correspond au certificat, que le siège l'a délivré, qu'il est encore valide, et le "
        "mot de passe.",
        "es": "Estos archivos no son una clave de firma válida: compruebe que la clave "
        "corresponde al certificado, que la sede lo emitió, que sigue vigente, y la "
        "contraseña.",
        "ar": "هذه الملفات ليست مفتاح توقيع صالحًا للبعثة: تحقّق من تطابق المفتاح مع الشهادة، "
        "ومن أنّ المقر أصدرها، وأنها ما زالت سارية، ومن كلمة المرور.",
    },
    "This administrator also interviews (officer role)": {
        "fr": "Cet administrateur mène aussi des entretiens (rôle d'agent)",
        "es": "Este administrador también entrevista (rol de funcionario)",
        "ar": "يجري هذا المسؤول المقابلات أيضًا (دور موظف)",
    },
    "This case no longer exists on this computer.": {
        "fr": "Ce dossier n'existe plus sur cet ordinateur.",
        "es": "Este expediente ya no existe en este equipo.",
        "ar": "لم يعد هذا الملف موجودًا على هذا الحاسوب.",
    },
    "This computer already has a Laissez database. Sign in instead.": {
        "fr": "Cet ordinateur a déjà une base de données Laissez. Connectez-vous plutôt.",
        "es": "Este equipo ya tiene una base de datos de Laissez. Inicie sesión.",
        "ar": "على هذا الحاسوب قاعدة بيانات Laissez بالفعل. سجّل الدخول بدلًا من ذلك.",
    },
    "Travel document": {"fr": "Titre de voyage", "es": "Documento de viaje", "ar": "وثيقة سفر"},
    "Travel documents are sealed with the mission's signing key from headquarters. Choose its "
    "PEM files now, or skip this step and install it later.": {
        "fr": "Les titres de voyage sont scellés avec la clé de signature de la mission, fournie "
        "par le siège. Choisissez ses fichiers PEM maintenant, ou passez cette étape et "
        "installez-la plus tard.",
        "es": "Los documentos de viaje se sellan con la clave de firma de la misión, que da la "
        "sede. Elija sus archivos PEM ahora, u omita este paso e instálela más tarde.",
        "ar": "تُختم وثائق السفر بمفتاح توقيع البعثة الصادر عن المقر. اختر ملفات PEM الخاصة "
        "به الآن، أو تخطَّ هذه الخطوة وثبّته لاحقًا.",
    },
    "Type your user name and your passphrase.": {
        "fr": "Tapez votre nom d'utilisateur et votre phrase secrète.",
        "es": "Escriba su nombre de usuario y su frase de contraseña.",
        "ar": "اكتب اسم المستخدم وعبارة المرور.",
    },
    "Updated": {"fr": "Mis à jour", "es": "Actualizado", "ar": "آخر تحديث"},
    "User name": {"fr": "Nom d'utilisateur", "es": "Nombre de usuario", "ar": "اسم المستخدم"},
    "Your account may not do this. Ask your administrator for the right role.": {
        "fr": "Votre compte ne permet pas cette action. Demandez le rôle adéquat à votre "
        "administrateur.",
        "es": "Su cuenta no puede hacer esto. Pida el rol adecuado a su administrador.",
        "ar": "لا يسمح حسابك بهذا. اطلب الدور المناسب من المسؤول.",
    },
    "← Case list": {
        "fr": "← Liste des dossiers",
        "es": "← Lista de expedientes",
        "ar": "→ قائمة الملفات",
    },
    "✓ Every condition is met.": {
        "fr": "✓ Toutes les conditions sont remplies.",
        "es": "✓ Se cumplen todas las condiciones.",
        "ar": "✓ استوفيت جميع الشروط.",
    },
}
