"""Translations of the interview forms on screen, the identity step and the interview step
(merged into ``fill_catalogues.T``). The forms' own words come from their YAML files."""

from __future__ import annotations

TABLE: dict[str, dict[str, object]] = {
    "Stateless person": {"fr": "Apatride", "es": "Apátrida", "ar": "عديم الجنسية"},
    "Refugee (1951 Convention)": {
        "fr": "Réfugié (Convention de 1951)",
        "es": "Refugiado (Convención de 1951)",
        "ar": "لاجئ (اتفاقية 1951)",
    },
    "Refugee, other": {"fr": "Réfugié, autre", "es": "Refugiado, otro", "ar": "لاجئ، غير ذلك"},
    "Unspecified nationality": {
        "fr": "Nationalité non précisée",
        "es": "Nacionalidad no especificada",
        "ar": "جنسية غير محددة",
    },
    "Germany (old code)": {
        "fr": "Allemagne (ancien code)",
        "es": "Alemania (código antiguo)",
        "ar": "ألمانيا (الرمز القديم)",
    },
    "Kosovo": {"fr": "Kosovo", "es": "Kosovo", "ar": "كوسوفو"},
    "United Nations official": {
        "fr": "Fonctionnaire des Nations unies",
        "es": "Funcionario de las Naciones Unidas",
        "ar": "موظف في الأمم المتحدة",
    },
    "Utopia (specimens and tests)": {
        "fr": "Utopie (spécimens et essais)",
        "es": "Utopía (especímenes y pruebas)",
        "ar": "يوتوبيا (نماذج واختبارات)",
    },
    "Yes": {"fr": "Oui", "es": "Sí", "ar": "نعم"},
    "No": {"fr": "Non", "es": "No", "ar": "لا"},
    "Unknown": {"fr": "Inconnu", "es": "Desconocido", "ar": "غير معروف"},
    "Signed": {"fr": "A signé", "es": "Firmó", "ar": "وقّع"},
    "Made a mark": {"fr": "A apposé une marque", "es": "Hizo una marca", "ar": "وضع علامة"},
    "Declined to sign": {"fr": "A refusé de signer", "es": "Se negó a firmar", "ar": "رفض التوقيع"},
    "YYYY-MM-DD": {"fr": "AAAA-MM-JJ", "es": "AAAA-MM-DD", "ar": "YYYY-MM-DD"},
    "— not answered —": {
        "fr": "— sans réponse —",
        "es": "— sin respuesta —",
        "ar": "— بلا إجابة —",
    },
    "Reason:": {"fr": "Motif :", "es": "Motivo:", "ar": "السبب:"},
    "Reference of the signed sheet:": {
        "fr": "Référence de la feuille signée :",
        "es": "Referencia de la hoja firmada:",
        "ar": "مرجع الورقة الموقّعة:",
    },
    "No photograph": {"fr": "Pas de photographie", "es": "Sin fotografía", "ar": "لا توجد صورة"},
    "Questions marked * must be answered.": {
        "fr": "Les questions marquées * doivent recevoir une réponse.",
        "es": "Las preguntas marcadas con * deben responderse.",
        "ar": "يجب الإجابة عن الأسئلة المعلَّمة بـ *.",
    },
    "This answer is not in the expected form.": {
        "fr": "Cette réponse n'a pas la forme attendue.",
        "es": "Esta respuesta no tiene la forma esperada.",
        "ar": "هذه الإجابة ليست بالشكل المتوقع.",
    },
    "This answer needs attention.": {
        "fr": "Cette réponse demande votre attention.",
        "es": "Esta respuesta requiere atención.",
        "ar": "هذه الإجابة تحتاج إلى مراجعة.",
    },
    "Choose a country from the list, or type its three-letter code (e.g. BGD).": {
        "fr": "Choisissez un pays dans la liste, ou tapez son code à trois lettres (par ex. BGD).",
        "es": "Elija un país de la lista o escriba su código de tres letras (p. ej. BGD).",
        "ar": "اختر بلدًا من القائمة، أو اكتب رمزه المكوّن من ثلاثة أحرف (مثل BGD).",
    },
    "Choose a language from the list, or type its code (e.g. bn or bn-BD).": {
        "fr": "Choisissez une langue dans la liste, ou tapez son code (par ex. bn ou bn-BD).",
        "es": "Elija un idioma de la lista o escriba su código (p. ej. bn o bn-BD).",
        "ar": "اختر لغة من القائمة، أو اكتب رمزها (مثل bn أو bn-BD).",
    },
    "Type a whole number.": {
        "fr": "Tapez un nombre entier.",
        "es": "Escriba un número entero.",
        "ar": "اكتب عددًا صحيحًا.",
    },
    "Say how the person signed and give the reference (or the reason to decline).": {
        "fr": "Indiquez comment la personne a signé et donnez la référence (ou le motif du refus).",
        "es": "Indique cómo firmó la persona y dé la referencia (o el motivo de la negativa).",
        "ar": "بيّن كيف وقّع الشخص واذكر المرجع (أو سبب الرفض).",
    },
    "The photograph is missing or damaged: take it again.": {
        "fr": "La photographie manque ou est endommagée : reprenez-la.",
        "es": "La fotografía falta o está dañada: tómela de nuevo.",
        "ar": "الصورة مفقودة أو تالفة: التقطها من جديد.",
    },
    "Choose among the options given.": {
        "fr": "Choisissez parmi les options proposées.",
        "es": "Elija entre las opciones dadas.",
        "ar": "اختر من بين الخيارات المعروضة.",
    },
    "Answer this question: it is required.": {
        "fr": "Répondez à cette question : elle est obligatoire.",
        "es": "Responda a esta pregunta: es obligatoria.",
        "ar": "أجب عن هذا السؤال: الإجابة عنه مطلوبة.",
    },
    "Choose one of the options given.": {
        "fr": "Choisissez l'une des options proposées.",
        "es": "Elija una de las opciones dadas.",
        "ar": "اختر أحد الخيارات المعروضة.",
    },
    "Not in the expected form: use capital letters A-Z and digits, as the help says.": {
        "fr": "Forme inattendue : utilisez des majuscules A-Z et des chiffres, comme l'indique "
        "l'aide.",
        "es": "Forma no esperada: use mayúsculas A-Z y dígitos, como indica la ayuda.",
        "ar": "ليست بالشكل المتوقع: استخدم الأحرف الكبيرة A-Z والأرقام، كما تبيّن المساعدة.",
    },
    "This date is in the future.": {
        "fr": "Cette date est dans le futur.",
        "es": "Esta fecha está en el futuro.",
        "ar": "هذا التاريخ في المستقبل.",
    },
    "This answer does not apply any more: clear it.": {
        "fr": "Cette réponse ne s'applique plus : effacez-la.",
        "es": "Esta respuesta ya no se aplica: bórrela.",
        "ar": "لم تعد هذه الإجابة منطبقة: امسحها.",
    },
    "Write the date as YYYY-MM-DD, with XXXX or XX for the parts not known (e.g. {example}).": {
        "fr": "Écrivez la date sous la forme AAAA-MM-JJ, avec XXXX ou XX pour les parties "
        "inconnues (par ex. {example}).",
        "es": "Escriba la fecha como AAAA-MM-DD, con XXXX o XX para las partes desconocidas "
        "(p. ej. {example}).",
        "ar": "اكتب التاريخ بالشكل YYYY-MM-DD، مع XXXX أو XX للأجزاء غير المعروفة (مثل {example}).",
    },
    "Too long: at most {count} characters.": {
        "fr": "Trop long : {count} caractères au plus.",
        "es": "Demasiado largo: {count} caracteres como máximo.",
        "ar": "طويل جدًا: {count} حرفًا على الأكثر.",
    },
    "This is not a possible date.": {
        "fr": "Cette date n'existe pas.",
        "es": "Esta fecha no es posible.",
        "ar": "هذا التاريخ غير ممكن.",
    },
    "This date is too early: it cannot be before {date}.": {
        "fr": "Cette date est trop ancienne : elle ne peut pas précéder le {date}.",
        "es": "Esta fecha es demasiado antigua: no puede ser anterior al {date}.",
        "ar": "هذا التاريخ مبكر جدًا: لا يمكن أن يسبق {date}.",
    },
    "Choose between {low} and {high} of the options.": {
        "fr": "Choisissez entre {low} et {high} des options.",
        "es": "Elija entre {low} y {high} de las opciones.",
        "ar": "اختر ما بين {low} و{high} من الخيارات.",
    },
    "Type a number of at most {high}.": {
        "fr": "Tapez un nombre de {high} au plus.",
        "es": "Escriba un número de {high} como máximo.",
        "ar": "اكتب عددًا لا يزيد على {high}.",
    },
    "Choose at least {count} of the options.": {
        "fr": "Choisissez au moins {count} des options.",
        "es": "Elija al menos {count} de las opciones.",
        "ar": "اختر {count} من الخيارات على الأقل.",
    },
    "Type a number from {low} to {high}.": {
        "fr": "Tapez un nombre de {low} à {high}.",
        "es": "Escriba un número de {low} a {high}.",
        "ar": "اكتب عددًا من {low} إلى {high}.",
    },
    "Type a number of at least {low}.": {
        "fr": "Tapez un nombre d'au moins {low}.",
        "es": "Escriba un número de al menos {low}.",
        "ar": "اكتب عددًا لا يقل عن {low}.",
    },
    "Type or read the machine-readable zone (MRZ) of the person's document: it fills in the "
    "form below. Then complete the form with the person. Without a document, fill in the form "
    "by hand: a supervisor must then approve the nationality established by interview.": {
        "fr": "Tapez ou lisez la zone de lecture automatique (MRZ) du document de la personne : "
        "elle remplit le formulaire ci-dessous. Complétez ensuite le formulaire avec la "
        "personne. Sans document, remplissez le formulaire à la main : un superviseur doit "
        "alors approuver la nationalité établie par entretien.",
        "es": "Escriba o lea la zona de lectura mecánica (MRZ) del documento de la persona: "
        "rellena el formulario de abajo. Después complete el formulario con la persona. Sin "
        "documento, rellene el formulario a mano: un supervisor debe entonces aprobar la "
        "nacionalidad establecida por entrevista.",
        "ar": "اكتب أو اقرأ منطقة القراءة الآلية (MRZ) في وثيقة الشخص: فهي تملأ الاستمارة "
        "أدناه. ثم أكمل الاستمارة مع الشخص. إن لم تكن هناك وثيقة، املأ الاستمارة يدويًا: "
        "ويجب عندئذ أن يوافق مشرف على الجنسية التي ثبتت بالمقابلة.",
    },
    "&Record without the MRZ": {
        "fr": "&Enregistrer sans la MRZ",
        "es": "&Registrar sin la MRZ",
        "ar": "التسجيل دون منطقة القراءة الآلية",
    },
    "Record without the MRZ": {
        "fr": "Enregistrer sans la MRZ",
        "es": "Registrar sin la MRZ",
        "ar": "التسجيل دون منطقة القراءة الآلية",
    },
    "&Save identity": {
        "fr": "&Enregistrer l'identité",
        "es": "&Guardar la identidad",
        "ar": "حفظ الهوية",
    },
    "Ctrl+Enter": {"fr": "Ctrl+Entrée", "es": "Ctrl+Intro", "ar": "Ctrl+Enter"},
    "The form is filled in from the MRZ: check it with the person.": {
        "fr": "Le formulaire est rempli à partir de la MRZ : vérifiez-le avec la personne.",
        "es": "El formulario se ha rellenado con la MRZ: compruébelo con la persona.",
        "ar": "مُلئت الاستمارة من منطقة القراءة الآلية: راجعها مع الشخص.",
    },
    "MRZ read: every check digit matches. It is saved with the identity.": {
        "fr": "MRZ lue : tous les chiffres de contrôle concordent. Elle est enregistrée avec "
        "l'identité.",
        "es": "MRZ leída: todos los dígitos de control coinciden. Se guarda con la identidad.",
        "ar": "قُرئت منطقة القراءة الآلية: كل أرقام التحقق مطابقة. وستُحفظ مع الهوية.",
    },
    "MRZ read, but a check digit does not match: it is saved, yet a supervisor must approve "
    "the nationality.": {
        "fr": "MRZ lue, mais un chiffre de contrôle ne concorde pas : elle est enregistrée, "
        "mais un superviseur doit approuver la nationalité.",
        "es": "MRZ leída, pero un dígito de control no coincide: se guarda, pero un supervisor "
        "debe aprobar la nacionalidad.",
        "ar": "قُرئت منطقة القراءة الآلية، لكن أحد أرقام التحقق غير مطابق: ستُحفظ، لكن يجب "
        "أن يوافق مشرف على الجنسية.",
    },
    "No MRZ: the identity will be recorded from the form alone, and a supervisor must approve "
    "the nationality interview.": {
        "fr": "Pas de MRZ : l'identité sera enregistrée à partir du seul formulaire, et un "
        "superviseur doit approuver l'entretien de nationalité.",
        "es": "Sin MRZ: la identidad se registrará solo con el formulario, y un supervisor debe "
        "aprobar la entrevista de nacionalidad.",
        "ar": "لا توجد منطقة قراءة آلية: ستُسجَّل الهوية من الاستمارة وحدها، ويجب أن يوافق "
        "مشرف على مقابلة الجنسية.",
    },
    "Some answers need attention: see the questions marked ⚠.": {
        "fr": "Certaines réponses demandent votre attention : voyez les questions marquées ⚠.",
        "es": "Algunas respuestas requieren atención: vea las preguntas marcadas con ⚠.",
        "ar": "بعض الإجابات تحتاج إلى مراجعة: انظر الأسئلة المعلَّمة بـ ⚠.",
    },
    "Identity saved.": {
        "fr": "Identité enregistrée.",
        "es": "Identidad guardada.",
        "ar": "حُفظت الهوية.",
    },
    "Recorded MRZ (every check digit matches):": {
        "fr": "MRZ enregistrée (tous les chiffres de contrôle concordent) :",
        "es": "MRZ registrada (todos los dígitos de control coinciden):",
        "ar": "منطقة القراءة الآلية المسجلة (كل أرقام التحقق مطابقة):",
    },
    "Recorded MRZ (a check digit does not match):": {
        "fr": "MRZ enregistrée (un chiffre de contrôle ne concorde pas) :",
        "es": "MRZ registrada (un dígito de control no coincide):",
        "ar": "منطقة القراءة الآلية المسجلة (أحد أرقام التحقق غير مطابق):",
    },
    "Interview forms": {
        "fr": "Formulaires d'entretien",
        "es": "Formularios de la entrevista",
        "ar": "استمارات المقابلة",
    },
    "Not saved yet.": {
        "fr": "Pas encore enregistré.",
        "es": "Aún no guardado.",
        "ar": "لم يُحفظ بعد.",
    },
    "&Save this form": {
        "fr": "&Enregistrer ce formulaire",
        "es": "&Guardar este formulario",
        "ar": "حفظ هذه الاستمارة",
    },
    "Changed since it was saved: save it again.": {
        "fr": "Modifié depuis l'enregistrement : enregistrez-le à nouveau.",
        "es": "Modificado desde que se guardó: guárdelo de nuevo.",
        "ar": "تغيّرت منذ حفظها: احفظها مرة أخرى.",
    },
    "Saved.": {"fr": "Enregistré.", "es": "Guardado.", "ar": "محفوظة."},
    "The person expressed fear of return (or the answer was unclear): the case now needs a "
    "protection officer before any document.": {
        "fr": "La personne a exprimé une crainte du retour (ou la réponse était incertaine) : "
        "le dossier nécessite désormais un agent de protection avant tout document.",
        "es": "La persona expresó temor al retorno (o la respuesta no fue clara): el caso "
        "necesita ahora un funcionario de protección antes de cualquier documento.",
        "ar": "عبّر الشخص عن خوفه من العودة (أو كانت الإجابة غير واضحة): يحتاج الملف الآن "
        "إلى موظف حماية قبل إصدار أي وثيقة.",
    },
    "Consent may not be free: a protection officer must review it.": {
        "fr": "Le consentement n'est peut-être pas libre : un agent de protection doit l'examiner.",
        "es": "El consentimiento puede no ser libre: un funcionario de protección debe revisarlo.",
        "ar": "قد لا تكون الموافقة حرة: يجب أن يراجعها موظف حماية.",
    },
    "Every interview form is saved.": {
        "fr": "Tous les formulaires d'entretien sont enregistrés.",
        "es": "Todos los formularios de la entrevista están guardados.",
        "ar": "حُفظت جميع استمارات المقابلة.",
    },
    "Saved": {"fr": "Enregistré", "es": "Guardado", "ar": "محفوظة"},
    "Not saved yet": {"fr": "Pas encore enregistré", "es": "Aún no guardado", "ar": "لم تُحفظ بعد"},
    "Saved: {form}.": {
        "fr": "Enregistré : {form}.",
        "es": "Guardado: {form}.",
        "ar": "حُفظت: {form}.",
    },
    "Save: {form}": {"fr": "Enregistrer : {form}", "es": "Guardar: {form}", "ar": "حفظ: {form}"},
    "The MRZ could not be read: read it again, or record the identity without it.": {
        "fr": "La MRZ n'a pas pu être lue : lisez-la à nouveau, ou enregistrez l'identité "
        "sans elle.",
        "es": "No se pudo leer la MRZ: léala de nuevo o registre la identidad sin ella.",
        "ar": "تعذّرت قراءة منطقة القراءة الآلية: اقرأها مرة أخرى، أو سجّل الهوية بدونها.",
    },
    "This cannot be done while the case is “{status}”.": {
        "fr": "Impossible tant que le dossier est « {status} ».",
        "es": "No se puede hacer mientras el expediente está «{status}».",
        "ar": "لا يمكن القيام بذلك ما دامت حالة الملف «{status}».",
    },
}
