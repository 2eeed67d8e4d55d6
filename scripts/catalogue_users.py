"""Translations of the Settings dialog's Users tab and of loading document numbers from a
headquarters bundle (merged into ``fill_catalogues.T``). Plural entries: (singular, plural)
-> per language a tuple of forms (fr/es: 2; ar: 6 in the order of the catalogue's formula:
0, 1, 2, n%100 in 3-10, n%100 in 0-2 (100, 1000 ...), n%100 in 11-99)."""

from __future__ import annotations

TABLE: dict[str | tuple[str, str], dict[str, object]] = {
    # --- roles ---
    "Officer": {"fr": "Agent", "es": "Funcionario", "ar": "موظف قنصلي"},
    "Supervisor": {"fr": "Superviseur", "es": "Supervisor", "ar": "مشرف"},
    "Protection officer": {
        "fr": "Agent de protection",
        "es": "Oficial de protección",
        "ar": "موظف الحماية",
    },
    "Administrator": {"fr": "Administrateur", "es": "Administrador", "ar": "مسؤول النظام"},
    "&Officer": {"fr": "&Agent", "es": "&Funcionario", "ar": "موظف قنصلي"},
    "&Supervisor": {"fr": "&Superviseur", "es": "&Supervisor", "ar": "مشرف"},
    "Pro&tection officer": {
        "fr": "Agent de pro&tection",
        "es": "Oficial de pro&tección",
        "ar": "موظف الحماية",
    },
    "Ad&ministrator": {"fr": "Ad&ministrateur", "es": "Ad&ministrador", "ar": "مسؤول النظام"},
    ", ": {"fr": ", ", "es": ", ", "ar": "، "},
    # --- the list ---
    "&Users": {"fr": "&Utilisateurs", "es": "&Usuarios", "ar": "المستخدمون"},
    "Users": {"fr": "Utilisateurs", "es": "Usuarios", "ar": "المستخدمون"},
    "User name": {"fr": "Nom d'utilisateur", "es": "Nombre de usuario", "ar": "اسم المستخدم"},
    "Display name": {"fr": "Nom affiché", "es": "Nombre visible", "ar": "الاسم الظاهر"},
    "Roles": {"fr": "Rôles", "es": "Funciones", "ar": "الأدوار"},
    "Status": {"fr": "État", "es": "Estado", "ar": "الحالة"},
    "Active": {"fr": "Actif", "es": "Activo", "ar": "نشط"},
    "Removed": {"fr": "Retiré", "es": "Retirado", "ar": "أُزيل"},
    "Working": {"fr": "Traitement en cours", "es": "Procesando", "ar": "جارٍ العمل"},
    "Everyone who works on cases needs their own account. Approval needs a supervisor who "
    "did not take part in the interview (four eyes).": {
        "fr": "Chaque personne qui traite des dossiers a besoin de son propre compte. "
        "L'approbation exige un superviseur qui n'a pas participé à l'entretien (quatre yeux).",
        "es": "Cada persona que trabaja en expedientes necesita su propia cuenta. La "
        "aprobación requiere un supervisor que no participó en la entrevista (cuatro ojos).",
        "ar": "يحتاج كل من يعمل على الملفات إلى حساب خاص به. تتطلب الموافقة مشرفًا لم يشارك "
        "في المقابلة (مبدأ الأعين الأربع).",
    },
    "Only an administrator can add, change or remove users.": {
        "fr": "Seul un administrateur peut ajouter, modifier ou retirer des utilisateurs.",
        "es": "Solo un administrador puede añadir, cambiar o retirar usuarios.",
        "ar": "لا يمكن إلا للمسؤول إضافة المستخدمين أو تغييرهم أو إزالتهم.",
    },
    "&Add user…": {
        "fr": "&Ajouter un utilisateur…",
        "es": "&Añadir usuario…",
        "ar": "إضافة مستخدم…",
    },
    "Add user": {"fr": "Ajouter un utilisateur", "es": "Añadir usuario", "ar": "إضافة مستخدم"},
    "R&eset passphrase…": {
        "fr": "Nouvelle &phrase secrète…",
        "es": "R&establecer la frase de contraseña…",
        "ar": "إعادة تعيين عبارة المرور…",
    },
    "Reset passphrase": {
        "fr": "Réinitialiser la phrase secrète",
        "es": "Restablecer la frase de contraseña",
        "ar": "إعادة تعيين عبارة المرور",
    },
    "Remo&ve user…": {
        "fr": "Reti&rer l'utilisateur…",
        "es": "Reti&rar usuario…",
        "ar": "إزالة المستخدم…",
    },
    "Remove user": {"fr": "Retirer l'utilisateur", "es": "Retirar usuario", "ar": "إزالة المستخدم"},
    "{user} has a new passphrase.": {
        "fr": "{user} a une nouvelle phrase secrète.",
        "es": "{user} tiene una nueva frase de contraseña.",
        "ar": "لدى {user} عبارة مرور جديدة.",
    },
    "{user} was added. They can sign in now.": {
        "fr": "{user} a été ajouté. Cette personne peut se connecter dès maintenant.",
        "es": "Se añadió a {user}. Ya puede iniciar sesión.",
        "ar": "أُضيف {user}. يمكنه تسجيل الدخول الآن.",
    },
    "{user} was removed and the database key was rotated.": {
        "fr": "{user} a été retiré et la clé de la base de données a été renouvelée.",
        "es": "Se retiró a {user} y se renovó la clave de la base de datos.",
        "ar": "أُزيل {user} وجرى تغيير مفتاح قاعدة البيانات.",
    },
    # --- the add / new passphrase dialog ---
    "Add a user": {"fr": "Ajouter un utilisateur", "es": "Añadir un usuario", "ar": "إضافة مستخدم"},
    "&Add user": {"fr": "&Ajouter", "es": "&Añadir", "ar": "إضافة"},
    "New passphrase for {user}": {
        "fr": "Nouvelle phrase secrète pour {user}",
        "es": "Nueva frase de contraseña para {user}",
        "ar": "عبارة مرور جديدة لـ {user}",
    },
    "&Set passphrase": {
        "fr": "&Définir la phrase secrète",
        "es": "&Establecer la frase",
        "ar": "تعيين عبارة المرور",
    },
    "Repeat passphrase": {
        "fr": "Répéter la phrase secrète",
        "es": "Repetir la frase de contraseña",
        "ar": "أعد كتابة عبارة المرور",
    },
    "Give it to the user in person; they can change it after signing in.": {
        "fr": "Remettez-la en personne à l'utilisateur ; il pourra la changer après s'être "
        "connecté.",
        "es": "Entréguela a la persona en mano; podrá cambiarla después de iniciar sesión.",
        "ar": "سلّمها إلى المستخدم شخصيًا؛ ويمكنه تغييرها بعد تسجيل الدخول.",
    },
    "Roles (at least one)": {
        "fr": "Rôles (au moins un)",
        "es": "Funciones (al menos una)",
        "ar": "الأدوار (دور واحد على الأقل)",
    },
    # --- removing ---
    "Remove {user}? They will no longer be able to sign in.": {
        "fr": "Retirer {user} ? Cette personne ne pourra plus se connecter.",
        "es": "¿Retirar a {user}? Ya no podrá iniciar sesión.",
        "ar": "إزالة {user}؟ لن يتمكن بعدها من تسجيل الدخول.",
    },
    "The database key is then rotated, so that a copy of the old key no longer opens the "
    "database. This takes a moment; the other users keep their passphrases.": {
        "fr": "La clé de la base de données est ensuite renouvelée : une copie de l'ancienne "
        "clé n'ouvre plus la base. Cela prend un moment ; les autres utilisateurs gardent "
        "leur phrase secrète.",
        "es": "A continuación se renueva la clave de la base de datos, de modo que una copia "
        "de la clave anterior ya no la abre. Tarda un momento; los demás usuarios conservan "
        "su frase de contraseña.",
        "ar": "يُغيَّر بعد ذلك مفتاح قاعدة البيانات كي لا تفتحها نسخة من المفتاح القديم. "
        "يستغرق ذلك لحظة؛ ويحتفظ المستخدمون الآخرون بعبارات مرورهم.",
    },
    "&Remove and rotate the key": {
        "fr": "&Retirer et renouveler la clé",
        "es": "&Retirar y renovar la clave",
        "ar": "إزالة وتغيير المفتاح",
    },
    # --- refusals (messages._describe_staff_error) ---
    "A user with this user name already exists. Choose another user name.": {
        "fr": "Un utilisateur porte déjà ce nom d'utilisateur. Choisissez-en un autre.",
        "es": "Ya existe un usuario con ese nombre de usuario. Elija otro.",
        "ar": "يوجد مستخدم بهذا الاسم بالفعل. اختر اسم مستخدم آخر.",
    },
    "This user was already removed, or no longer exists.": {
        "fr": "Cet utilisateur a déjà été retiré, ou n'existe plus.",
        "es": "Este usuario ya se retiró o ya no existe.",
        "ar": "أُزيل هذا المستخدم من قبل، أو لم يعد موجودًا.",
    },
    "This is the last administrator. Give another user the administrator role before "
    "removing this one.": {
        "fr": "C'est le dernier administrateur. Donnez le rôle d'administrateur à un autre "
        "utilisateur avant de retirer celui-ci.",
        "es": "Es el último administrador. Dé la función de administrador a otro usuario "
        "antes de retirar a este.",
        "ar": "هذا هو المسؤول الأخير. امنح دور المسؤول لمستخدم آخر قبل إزالة هذا المستخدم.",
    },
    "Choose at least one role.": {
        "fr": "Choisissez au moins un rôle.",
        "es": "Elija al menos una función.",
        "ar": "اختر دورًا واحدًا على الأقل.",
    },
    "Type a user name of letters, digits, dots, hyphens or underscores, without spaces.": {
        "fr": "Saisissez un nom d'utilisateur fait de lettres, chiffres, points, tirets ou "
        "traits de soulignement, sans espace.",
        "es": "Escriba un nombre de usuario con letras, cifras, puntos, guiones o guiones "
        "bajos, sin espacios.",
        "ar": "اكتب اسم مستخدم من حروف لاتينية أو أرقام أو نقاط أو شرطات أو شرطات سفلية، "
        "دون مسافات.",
    },
    "The two passphrases differ. Type the same passphrase twice.": {
        "fr": "Les deux phrases secrètes diffèrent. Saisissez deux fois la même.",
        "es": "Las dos frases de contraseña no coinciden. Escriba la misma dos veces.",
        "ar": "عبارتا المرور مختلفتان. اكتب العبارة نفسها مرتين.",
    },
    "You cannot remove your own account. Ask another administrator.": {
        "fr": "Vous ne pouvez pas retirer votre propre compte. Demandez à un autre administrateur.",
        "es": "No puede retirar su propia cuenta. Pídaselo a otro administrador.",
        "ar": "لا يمكنك إزالة حسابك. اطلب ذلك من مسؤول آخر.",
    },
    "This file is not a bundle from headquarters for this computer, or it was changed or "
    "damaged. No number was loaded. Ask headquarters for a new bundle.": {
        "fr": "Ce fichier n'est pas un lot du siège destiné à cet ordinateur, ou il a été "
        "modifié ou endommagé. Aucun numéro n'a été chargé. Demandez un nouveau lot au siège.",
        "es": "Este archivo no es un paquete de la sede central para este ordenador, o fue "
        "modificado o dañado. No se cargó ningún número. Pida un paquete nuevo a la sede.",
        "ar": "هذا الملف ليس حزمة من المقر الرئيسي لهذا الحاسوب، أو جرى تغييره أو تلف. لم "
        "يُحمَّل أي رقم. اطلب حزمة جديدة من المقر الرئيسي.",
    },
    # --- document numbers (Headquarters tab) ---
    "Document numbers": {
        "fr": "Numéros de document",
        "es": "Números de documento",
        "ar": "أرقام الوثائق",
    },
    "&Load numbers from a headquarters bundle…": {
        "fr": "Charger des &numéros depuis un lot du siège…",
        "es": "Cargar &números desde un paquete de la sede…",
        "ar": "تحميل الأرقام من حزمة المقر الرئيسي…",
    },
    "Load numbers from a headquarters bundle": {
        "fr": "Charger des numéros depuis un lot du siège",
        "es": "Cargar números desde un paquete de la sede",
        "ar": "تحميل الأرقام من حزمة المقر الرئيسي",
    },
    "Load document numbers from a headquarters bundle": {
        "fr": "Charger des numéros de document depuis un lot du siège",
        "es": "Cargar números de documento desde un paquete de la sede",
        "ar": "تحميل أرقام الوثائق من حزمة المقر الرئيسي",
    },
    "Loading document numbers": {
        "fr": "Chargement des numéros de document",
        "es": "Cargando números de documento",
        "ar": "جارٍ تحميل أرقام الوثائق",
    },
    "Headquarters bundles (*.laissez *.reply);;All files (*)": {
        "fr": "Lots du siège (*.laissez *.reply);;Tous les fichiers (*)",
        "es": "Paquetes de la sede (*.laissez *.reply);;Todos los archivos (*)",
        "ar": "حزم المقر الرئيسي (*.laissez *.reply);;جميع الملفات (*)",
    },
    "Without a link to headquarters, load the numbers from the bundle headquarters sent you.": {
        "fr": "Sans liaison avec le siège, chargez les numéros depuis le lot que le siège "
        "vous a envoyé.",
        "es": "Sin conexión con la sede central, cargue los números desde el paquete que le "
        "envió la sede.",
        "ar": "عند عدم الاتصال بالمقر الرئيسي، حمّل الأرقام من الحزمة التي أرسلها إليك.",
    },
    (
        "{count} document number left on this computer.",
        "{count} document numbers left on this computer.",
    ): {
        "fr": (
            "{count} numéro de document restant sur cet ordinateur.",
            "{count} numéros de document restants sur cet ordinateur.",
        ),
        "es": (
            "Queda {count} número de documento en este ordenador.",
            "Quedan {count} números de documento en este ordenador.",
        ),
        "ar": (
            "لم يبقَ أي رقم وثيقة على هذا الحاسوب.",
            "بقي رقم وثيقة واحد على هذا الحاسوب.",
            "بقي رقما وثيقة على هذا الحاسوب.",
            "بقيت {count} أرقام وثائق على هذا الحاسوب.",
            "بقي {count} رقم وثيقة على هذا الحاسوب.",
            "بقي {count} رقم وثيقة على هذا الحاسوب.",
        ),
    },
    ("{count} document number was loaded.", "{count} document numbers were loaded."): {
        "fr": (
            "{count} numéro de document a été chargé.",
            "{count} numéros de document ont été chargés.",
        ),
        "es": (
            "Se cargó {count} número de documento.",
            "Se cargaron {count} números de documento.",
        ),
        "ar": (
            "لم يُحمَّل أي رقم وثيقة.",
            "حُمِّل رقم وثيقة واحد.",
            "حُمِّل رقما وثيقة.",
            "حُمِّلت {count} أرقام وثائق.",
            "حُمِّل {count} رقم وثيقة.",
            "حُمِّل {count} رقم وثيقة.",
        ),
    },
}
