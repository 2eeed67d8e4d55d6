"""Translations of the advisal and consent steps' strings (and their error sentences), merged
into the catalogues by the integrator like ``catalogue_desktop.DESKTOP``."""

from __future__ import annotations

TABLE: dict[str, dict[str, object]] = {
    "Close (Esc)": {"fr": "Fermer (Échap)", "es": "Cerrar (Esc)", "ar": "إغلاق (Esc)"},
    "The text read to the person": {
        "fr": "Le texte lu à la personne",
        "es": "El texto leído a la persona",
        "ar": "النص الذي يُقرأ على الشخص",
    },
    "&Language of the text:": {
        "fr": "&Langue du texte :",
        "es": "&Idioma del texto:",
        "ar": "لغة النص:",
    },
    "Language of the advisal text": {
        "fr": "Langue du texte d'information",
        "es": "Idioma del texto de información",
        "ar": "لغة نص الإبلاغ بالحقوق",
    },
    "&Show to the person…": {
        "fr": "&Montrer à la personne…",
        "es": "&Mostrar a la persona…",
        "ar": "اعرضه على الشخص…",
    },
    "Show the text to the person in large type": {
        "fr": "Montrer le texte à la personne en grands caractères",
        "es": "Mostrar el texto a la persona en letra grande",
        "ar": "اعرض النص على الشخص بخط كبير",
    },
    "Advisal text": {
        "fr": "Texte d'information",
        "es": "Texto de información",
        "ar": "نص الإبلاغ بالحقوق",
    },
    "Language and interpreter": {
        "fr": "Langue et interprète",
        "es": "Idioma e intérprete",
        "ar": "اللغة والمترجم الشفهي",
    },
    "The person understood the language:": {
        "fr": "La personne a compris la langue :",
        "es": "La persona entendió el idioma:",
        "ar": "فهم الشخص اللغة:",
    },
    "An interpreter was needed:": {
        "fr": "Un interprète était nécessaire :",
        "es": "Se necesitaba un intérprete:",
        "ar": "كانت هناك حاجة إلى مترجم شفهي:",
    },
    "&Yes": {"fr": "&Oui", "es": "&Sí", "ar": "نعم"},
    "N&o": {"fr": "&Non", "es": "N&o", "ar": "لا"},
    "Yes": {"fr": "Oui", "es": "Sí", "ar": "نعم"},
    "No": {"fr": "Non", "es": "No", "ar": "لا"},
    "yes": {"fr": "oui", "es": "sí", "ar": "نعم"},
    "no": {"fr": "non", "es": "no", "ar": "لا"},
    "none": {"fr": "aucune", "es": "ninguna", "ar": "لا شيء"},
    "An &interpreter was used": {
        "fr": "Un &interprète a été présent",
        "es": "Se contó con un &intérprete",
        "ar": "استُعين بمترجم شفهي",
    },
    "Interpreter's &name:": {
        "fr": "&Nom de l'interprète :",
        "es": "&Nombre del intérprete:",
        "ar": "اسم المترجم الشفهي:",
    },
    "Interpreter's name": {
        "fr": "Nom de l'interprète",
        "es": "Nombre del intérprete",
        "ar": "اسم المترجم الشفهي",
    },
    "The person's questions and the answers given": {
        "fr": "Les questions de la personne et les réponses données",
        "es": "Las preguntas de la persona y las respuestas dadas",
        "ar": "أسئلة الشخص والأجوبة المقدَّمة",
    },
    "Questions and answers": {
        "fr": "Questions et réponses",
        "es": "Preguntas y respuestas",
        "ar": "الأسئلة والأجوبة",
    },
    "Question": {"fr": "Question", "es": "Pregunta", "ar": "السؤال"},
    "Answer": {"fr": "Réponse", "es": "Respuesta", "ar": "الجواب"},
    "&Add a question": {
        "fr": "&Ajouter une question",
        "es": "&Añadir una pregunta",
        "ar": "أضف سؤالًا",
    },
    "Remove the selected question": {
        "fr": "Supprimer la question choisie",
        "es": "Quitar la pregunta seleccionada",
        "ar": "احذف السؤال المحدَّد",
    },
    "The person asked no &questions": {
        "fr": "La personne n'a posé aucune &question",
        "es": "La persona no hizo ninguna &pregunta",
        "ar": "لم يطرح الشخص أي أسئلة",
    },
    "Legal counsel": {
        "fr": "Conseil juridique",
        "es": "Asesoría jurídica",
        "ar": "المشورة القانونية",
    },
    "Legal counsel and free legal aid were &offered": {
        "fr": "Un conseil juridique et l'aide juridictionnelle gratuite ont été &proposés",
        "es": "Se &ofreció asesoría jurídica y asistencia jurídica gratuita",
        "ar": "عُرضت المشورة القانونية والمساعدة القانونية المجانية",
    },
    "The person &accepted legal counsel": {
        "fr": "La personne a &accepté le conseil juridique",
        "es": "La persona &aceptó la asesoría jurídica",
        "ar": "قبِل الشخص المشورة القانونية",
    },
    "&Record advisal delivered": {
        "fr": "&Enregistrer l'information donnée",
        "es": "&Registrar la información dada",
        "ar": "سجِّل أن الإبلاغ بالحقوق قد تم",
    },
    "Record that the advisal was delivered": {
        "fr": "Enregistrer que l'information sur les droits a été donnée",
        "es": "Registrar que se dio la información sobre los derechos",
        "ar": "سجِّل أن الإبلاغ بالحقوق قد تم",
    },
    "no interpreter": {"fr": "sans interprète", "es": "sin intérprete", "ar": "دون مترجم شفهي"},
    "interpreter: {name}": {
        "fr": "interprète : {name}",
        "es": "intérprete: {name}",
        "ar": "المترجم الشفهي: {name}",
    },
    "Advisal recorded. Now ask for each consent separately (Consent step); any consent given "
    "before this advisal must be asked again.": {
        "fr": "Information enregistrée. Demandez maintenant chaque consentement séparément "
        "(étape Consentement) ; tout consentement donné avant cette information doit être "
        "redemandé.",
        "es": "Información registrada. Pida ahora cada consentimiento por separado (paso "
        "Consentimiento); todo consentimiento dado antes de esta información debe pedirse de "
        "nuevo.",
        "ar": "سُجِّل الإبلاغ بالحقوق. اطلب الآن كل موافقة على حدة (خطوة الموافقة)؛ ويجب طلب أي "
        "موافقة أُعطيت قبل هذا الإبلاغ من جديد.",
    },
    "Rights advisal": {
        "fr": "Information sur les droits",
        "es": "Información sobre los derechos",
        "ar": "الإبلاغ بالحقوق",
    },
    "The person understood the language": {
        "fr": "La personne a compris la langue",
        "es": "La persona entendió el idioma",
        "ar": "فهم الشخص اللغة",
    },
    "An interpreter was needed": {
        "fr": "Un interprète était nécessaire",
        "es": "Se necesitaba un intérprete",
        "ar": "كانت هناك حاجة إلى مترجم شفهي",
    },
    "No advisal has been delivered in this case yet.": {
        "fr": "Aucune information sur les droits n'a encore été donnée dans ce dossier.",
        "es": "Aún no se ha dado la información sobre los derechos en este expediente.",
        "ar": "لم يتم الإبلاغ بالحقوق في هذا الملف بعد.",
    },
    "NOT LEGALLY REVIEWED": {
        "fr": "NON VÉRIFIÉ JURIDIQUEMENT",
        "es": "SIN REVISIÓN JURÍDICA",
        "ar": "لم تتم مراجعته قانونيًا",
    },
    "The person's interview language is not recorded yet (Interview step).": {
        "fr": "La langue d'entretien de la personne n'est pas encore enregistrée "
        "(étape Entretien).",
        "es": "El idioma de entrevista de la persona aún no está registrado (paso Entrevista).",
        "ar": "لم تُسجَّل لغة المقابلة الخاصة بالشخص بعد (خطوة المقابلة).",
    },
    "Text {ref}, language {language}; {interpreter}.": {
        "fr": "Texte {ref}, langue {language} ; {interpreter}.",
        "es": "Texto {ref}, idioma {language}; {interpreter}.",
        "ar": "النص {ref}، اللغة {language}؛ {interpreter}.",
    },
    "Language understood: {understood}. Legal counsel offered: {offered}.": {
        "fr": "Langue comprise : {understood}. Conseil juridique proposé : {offered}.",
        "es": "Idioma entendido: {understood}. Asesoría jurídica ofrecida: {offered}.",
        "ar": "فُهمت اللغة: {understood}. عُرضت المشورة القانونية: {offered}.",
    },
    "Questions: {questions}": {
        "fr": "Questions : {questions}",
        "es": "Preguntas: {questions}",
        "ar": "الأسئلة: {questions}",
    },
    "{question}: yes": {"fr": "{question} : oui", "es": "{question}: sí", "ar": "{question}: نعم"},
    "{question}: no": {"fr": "{question} : non", "es": "{question}: no", "ar": "{question}: لا"},
    "Advisal delivered {when} by {officer} ({count} in this case)": {
        "fr": "Information donnée le {when} par {officer} ({count} dans ce dossier)",
        "es": "Información dada el {when} por {officer} ({count} en este expediente)",
        "ar": "تم الإبلاغ بالحقوق في {when} بواسطة {officer} ({count} في هذا الملف)",
    },
    "The advisal was recorded, but it does not count yet:": {
        "fr": "L'information a été enregistrée, mais elle ne compte pas encore :",
        "es": "La información se registró, pero todavía no cuenta:",
        "ar": "سُجِّل الإبلاغ بالحقوق، لكنه لا يُحتسب بعد:",
    },
    "This is the language the person gave at the interview ({language}).": {
        "fr": "C'est la langue indiquée par la personne lors de l'entretien ({language}).",
        "es": "Es el idioma que la persona indicó en la entrevista ({language}).",
        "ar": "هذه هي اللغة التي ذكرها الشخص في المقابلة ({language}).",
    },
    "Warning: the person gave {language} at the interview. An advisal in another language "
    "does not count unless they understand it.": {
        "fr": "Attention : la personne a indiqué {language} lors de l'entretien. Une information "
        "dans une autre langue ne compte que si elle la comprend.",
        "es": "Atención: la persona indicó {language} en la entrevista. Una información en otro "
        "idioma solo cuenta si la entiende.",
        "ar": "تنبيه: ذكر الشخص اللغة {language} في المقابلة. لا يُحتسب الإبلاغ بلغة أخرى إلا "
        "إذا كان يفهمها.",
    },
    "Cannot write": {
        "fr": "Ne sait pas écrire",
        "es": "No sabe escribir",
        "ar": "لا يستطيع الكتابة",
    },
    "A physical impairment prevents signing": {
        "fr": "Un handicap physique empêche de signer",
        "es": "Una discapacidad física impide firmar",
        "ar": "إعاقة جسدية تمنع التوقيع",
    },
    "Refuses to sign (the decision stands)": {
        "fr": "Refuse de signer (la décision reste valable)",
        "es": "Se niega a firmar (la decisión se mantiene)",
        "ar": "يرفض التوقيع (يبقى القرار قائمًا)",
    },
    "Afraid of what signing may lead to": {
        "fr": "Craint les suites d'une signature",
        "es": "Teme lo que pueda suponer firmar",
        "ar": "يخشى ما قد يترتب على التوقيع",
    },
    "Another reason, written in the case notes": {
        "fr": "Autre raison, écrite dans les notes du dossier",
        "es": "Otro motivo, escrito en las notas del expediente",
        "ar": "سبب آخر، مكتوب في ملاحظات الملف",
    },
    "Parent": {"fr": "Parent", "es": "Madre o padre", "ar": "أحد الوالدين"},
    "Legal guardian": {"fr": "Tuteur légal", "es": "Tutor legal", "ar": "الوصي القانوني"},
    "Guardian appointed for the procedure": {
        "fr": "Tuteur désigné pour la procédure",
        "es": "Tutor designado para el procedimiento",
        "ar": "وصي معيَّن لهذا الإجراء",
    },
    "Other relative": {"fr": "Autre membre de la famille", "es": "Otro familiar", "ar": "قريب آخر"},
    "Child-protection officer": {
        "fr": "Agent de protection de l'enfance",
        "es": "Agente de protección de la infancia",
        "ar": "موظف حماية الطفل",
    },
    "signed": {"fr": "signé", "es": "firmado", "ar": "موقَّع"},
    "mark": {"fr": "marque", "es": "marca", "ar": "علامة"},
    "declined to sign": {"fr": "a refusé de signer", "es": "se negó a firmar", "ar": "رفض التوقيع"},
    "no signature captured on screen": {
        "fr": "aucune signature saisie à l'écran",
        "es": "ninguna firma capturada en pantalla",
        "ar": "لم يُلتقط توقيع على الشاشة",
    },
    "Granted": {"fr": "Accordé", "es": "Otorgado", "ar": "موافَق عليه"},
    "Declined": {"fr": "Refusé", "es": "Rechazado", "ar": "مرفوض"},
    "granted": {"fr": "accordé", "es": "otorgado", "ar": "موافَق عليه"},
    "declined": {"fr": "refusé", "es": "rechazado", "ar": "مرفوض"},
    "withdrawn": {"fr": "retiré", "es": "retirado", "ar": "مسحوب"},
    "Refusing is always allowed and does not affect the travel document.": {
        "fr": "Refuser est toujours possible et n'a aucun effet sur le document de voyage.",
        "es": "Negarse siempre está permitido y no afecta al documento de viaje.",
        "ar": "الرفض مسموح دائمًا ولا يؤثر في وثيقة السفر.",
    },
    "Record this decision": {
        "fr": "Enregistrer cette décision",
        "es": "Registrar esta decisión",
        "ar": "سجِّل هذا القرار",
    },
    "Read each scope to the person in their language and record each decision on its own. "
    "Nothing is chosen for them. Each decision is signed separately.": {
        "fr": "Lisez chaque objet à la personne dans sa langue et enregistrez chaque décision "
        "séparément. Rien n'est choisi à sa place. Chaque décision est signée à part.",
        "es": "Lea cada alcance a la persona en su idioma y registre cada decisión por separado. "
        "No se elige nada por ella. Cada decisión se firma aparte.",
        "ar": "اقرأ كل نطاق على الشخص بلغته وسجِّل كل قرار على حدة. لا يُختار أي شيء نيابةً عنه. "
        "ويوقَّع كل قرار بمفرده.",
    },
    "No rights advisal has been delivered yet: consent cannot be asked for.": {
        "fr": "Aucune information sur les droits n'a encore été donnée : le consentement ne peut "
        "pas être demandé.",
        "es": "Aún no se ha dado la información sobre los derechos: no se puede pedir el "
        "consentimiento.",
        "ar": "لم يتم الإبلاغ بالحقوق بعد: لا يمكن طلب الموافقة.",
    },
    "Go to the &rights advisal": {
        "fr": "Aller à l'information sur les d&roits",
        "es": "Ir a la información sobre los de&rechos",
        "ar": "انتقل إلى الإبلاغ بالحقوق",
    },
    "The person's signature for the next decision": {
        "fr": "La signature de la personne pour la prochaine décision",
        "es": "La firma de la persona para la próxima decisión",
        "ar": "توقيع الشخص على القرار التالي",
    },
    "&Signature": {"fr": "&Signature", "es": "&Firma", "ar": "توقيع"},
    "&Mark (cross or thumb)": {
        "fr": "&Marque (croix ou empreinte du pouce)",
        "es": "&Marca (cruz o huella del pulgar)",
        "ar": "علامة (صليب أو بصمة إبهام)",
    },
    "&Declined to sign": {
        "fr": "A &refusé de signer",
        "es": "Se &negó a firmar",
        "ar": "رفض التوقيع",
    },
    "The person signs on the pad": {
        "fr": "La personne signe sur la tablette",
        "es": "La persona firma en el panel",
        "ar": "يوقِّع الشخص على لوحة التوقيع",
    },
    "The person makes a mark on the pad": {
        "fr": "La personne fait une marque sur la tablette",
        "es": "La persona hace una marca en el panel",
        "ar": "يضع الشخص علامة على لوحة التوقيع",
    },
    "The person declined to sign": {
        "fr": "La personne a refusé de signer",
        "es": "La persona se negó a firmar",
        "ar": "رفض الشخص التوقيع",
    },
    "C&lear": {"fr": "&Effacer", "es": "&Borrar", "ar": "امسح"},
    "Clear the signature pad": {
        "fr": "Effacer la tablette de signature",
        "es": "Borrar el panel de firma",
        "ar": "امسح لوحة التوقيع",
    },
    "Reason for not &signing:": {
        "fr": "Raison de l'absence de &signature :",
        "es": "Motivo para no &firmar:",
        "ar": "سبب عدم التوقيع:",
    },
    "Reason for not signing": {
        "fr": "Raison de l'absence de signature",
        "es": "Motivo para no firmar",
        "ar": "سبب عدم التوقيع",
    },
    "Choose a reason": {"fr": "Choisissez une raison", "es": "Elija un motivo", "ar": "اختر سببًا"},
    "The &interpreter signed too": {
        "fr": "L'&interprète a aussi signé",
        "es": "El &intérprete también firmó",
        "ar": "وقَّع المترجم الشفهي أيضًا",
    },
    "The pad is cleared after each decision: the person signs every decision.": {
        "fr": "La tablette est effacée après chaque décision : la personne signe chaque décision.",
        "es": "El panel se borra después de cada decisión: la persona firma cada decisión.",
        "ar": "تُمسح اللوحة بعد كل قرار: يوقِّع الشخص على كل قرار.",
    },
    "A child: the guardian takes part": {
        "fr": "Un enfant : le tuteur participe",
        "es": "Un menor: participa el tutor",
        "ar": "طفل: يشارك الوصي",
    },
    "The person is, or may be, under 18. Consent to return and to the document needs the "
    "guardian and a best-interests record.": {
        "fr": "La personne a, ou pourrait avoir, moins de 18 ans. Le consentement au retour et au "
        "document exige le tuteur et une évaluation de l'intérêt supérieur de l'enfant.",
        "es": "La persona es, o podría ser, menor de 18 años. El consentimiento al retorno y al "
        "documento requiere al tutor y un registro del interés superior del menor.",
        "ar": "عمر الشخص أقل من 18 عامًا أو قد يكون كذلك. تتطلب الموافقة على العودة وعلى الوثيقة "
        "حضور الوصي وسجلًّا لتقييم المصالح الفضلى للطفل.",
    },
    "Guardian's &name:": {
        "fr": "&Nom du tuteur :",
        "es": "&Nombre del tutor:",
        "ar": "اسم الوصي:",
    },
    "Guardian's name": {"fr": "Nom du tuteur", "es": "Nombre del tutor", "ar": "اسم الوصي"},
    "Re&lationship to the child:": {
        "fr": "&Lien avec l'enfant :",
        "es": "Re&lación con el menor:",
        "ar": "صلة القرابة بالطفل:",
    },
    "Relationship to the child": {
        "fr": "Lien avec l'enfant",
        "es": "Relación con el menor",
        "ar": "صلة القرابة بالطفل",
    },
    "Choose the relationship": {
        "fr": "Choisissez le lien",
        "es": "Elija la relación",
        "ar": "اختر صلة القرابة",
    },
    "&Best-interests record:": {
        "fr": "Évaluation de l'&intérêt supérieur :",
        "es": "Registro del &interés superior:",
        "ar": "سجل المصالح الفضلى:",
    },
    "Best-interests record": {
        "fr": "Évaluation de l'intérêt supérieur",
        "es": "Registro del interés superior",
        "ar": "سجل المصالح الفضلى",
    },
    "Decisions recorded": {
        "fr": "Décisions enregistrées",
        "es": "Decisiones registradas",
        "ar": "القرارات المسجَّلة",
    },
    "Not asked yet.": {
        "fr": "Pas encore demandé.",
        "es": "Aún no se ha preguntado.",
        "ar": "لم يُطرح بعد.",
    },
    "Consent, scope by scope": {
        "fr": "Consentement, objet par objet",
        "es": "Consentimiento, alcance por alcance",
        "ar": "الموافقة، نطاقًا تلو الآخر",
    },
    "Needed for the travel document": {
        "fr": "Nécessaire pour le document de voyage",
        "es": "Necesario para el documento de viaje",
        "ar": "مطلوب لوثيقة السفر",
    },
    "Data sharing: optional, one recipient at a time": {
        "fr": "Partage de données : facultatif, un destinataire à la fois",
        "es": "Compartir datos: opcional, un destinatario cada vez",
        "ar": "مشاركة البيانات: اختيارية، جهة واحدة في كل مرة",
    },
    "No decision recorded yet.": {
        "fr": "Aucune décision enregistrée pour l'instant.",
        "es": "Aún no hay ninguna decisión registrada.",
        "ar": "لم يُسجَّل أي قرار بعد.",
    },
    "Recorded: {scope} — {decision}.": {
        "fr": "Enregistré : {scope} — {decision}.",
        "es": "Registrado: {scope} — {decision}.",
        "ar": "سُجِّل: {scope} — {decision}.",
    },
    "This does not affect the travel document.": {
        "fr": "Cela n'a aucun effet sur le document de voyage.",
        "es": "Esto no afecta al documento de viaje.",
        "ar": "لا يؤثر ذلك في وثيقة السفر.",
    },
    "Both consents are recorded: the case can go to approval.": {
        "fr": "Les deux consentements sont enregistrés : le dossier peut passer à l'approbation.",
        "es": "Los dos consentimientos están registrados: el expediente puede pasar a aprobación.",
        "ar": "سُجِّلت الموافقتان كلتاهما: يمكن أن ينتقل الملف إلى الاعتماد.",
    },
    "{scope}: granted": {
        "fr": "{scope} : accordé",
        "es": "{scope}: otorgado",
        "ar": "{scope}: موافَق عليه",
    },
    "{scope}: declined": {
        "fr": "{scope} : refusé",
        "es": "{scope}: rechazado",
        "ar": "{scope}: مرفوض",
    },
    "Record the decision on {scope}": {
        "fr": "Enregistrer la décision sur {scope}",
        "es": "Registrar la decisión sobre {scope}",
        "ar": "سجِّل القرار بشأن {scope}",
    },
    "Recorded: {summary}": {
        "fr": "Enregistré : {summary}",
        "es": "Registrado: {summary}",
        "ar": "سُجِّل: {summary}",
    },
    "before the latest advisal: ask again": {
        "fr": "avant la dernière information : redemander",
        "es": "antes de la última información: volver a preguntar",
        "ar": "قبل آخر إبلاغ بالحقوق: اطلبها من جديد",
    },
    "No travel document can be issued while this stands.": {
        "fr": "Aucun document de voyage ne peut être délivré tant que cette décision est "
        "maintenue.",
        "es": "No se puede emitir ningún documento de viaje mientras se mantenga esta decisión.",
        "ar": "لا يمكن إصدار أي وثيقة سفر ما دام هذا القرار قائمًا.",
    },
    "Choose whether the person grants or declines “{scope}” first.": {
        "fr": "Choisissez d'abord si la personne accorde ou refuse « {scope} ».",
        "es": "Elija primero si la persona otorga o rechaza «{scope}».",
        "ar": "اختر أولًا ما إذا كان الشخص يوافق على «{scope}» أو يرفضه.",
    },
    "Signature pad": {"fr": "Tablette de signature", "es": "Panel de firma", "ar": "لوحة التوقيع"},
    "The person signs or makes a mark here with the mouse, a finger or a pen.": {
        "fr": "La personne signe ou fait une marque ici avec la souris, un doigt ou un stylet.",
        "es": "La persona firma o hace una marca aquí con el ratón, un dedo o un lápiz.",
        "ar": "يوقِّع الشخص أو يضع علامة هنا بالفأرة أو بالإصبع أو بالقلم.",
    },
    "Sign here. Delete clears the pad.": {
        "fr": "Signez ici. Suppr efface la tablette.",
        "es": "Firme aquí. Supr borra el panel.",
        "ar": "وقِّع هنا. مفتاح الحذف يمسح اللوحة.",
    },
    "Consent cannot be asked for yet: deliver the rights advisal first, then ask for each "
    "consent separately. Nothing was recorded.": {
        "fr": "Le consentement ne peut pas encore être demandé : donnez d'abord l'information sur "
        "les droits, puis demandez chaque consentement séparément. Rien n'a été enregistré.",
        "es": "Todavía no se puede pedir el consentimiento: dé primero la información sobre los "
        "derechos y luego pida cada consentimiento por separado. No se registró nada.",
        "ar": "لا يمكن طلب الموافقة بعد: أبلِغ الشخص بحقوقه أولًا، ثم اطلب كل موافقة على حدة. "
        "لم يُسجَّل أي شيء.",
    },
    "The advisal text shown is not the published text in that language. Choose the language "
    "again and show the text to the person. Nothing was recorded.": {
        "fr": "Le texte affiché n'est pas le texte publié dans cette langue. Choisissez de nouveau "
        "la langue et montrez le texte à la personne. Rien n'a été enregistré.",
        "es": "El texto mostrado no es el texto publicado en ese idioma. Elija de nuevo el idioma "
        "y muestre el texto a la persona. No se registró nada.",
        "ar": "النص المعروض ليس النص المنشور بتلك اللغة. اختر اللغة من جديد واعرض النص على "
        "الشخص. لم يُسجَّل أي شيء.",
    },
    'The person must sign or make a mark on the pad, or choose "Declined to sign" with a '
    "reason. Nothing was recorded.": {
        "fr": "La personne doit signer ou faire une marque sur la tablette, ou choisissez « A "
        "refusé de signer » avec une raison. Rien n'a été enregistré.",
        "es": "La persona debe firmar o hacer una marca en el panel, o elija «Se negó a firmar» "
        "con un motivo. No se registró nada.",
        "ar": "يجب أن يوقِّع الشخص أو يضع علامة على اللوحة، أو اختر «رفض التوقيع» مع ذكر السبب. "
        "لم يُسجَّل أي شيء.",
    },
    "The person is, or may be, a child: fill in the guardian's name, the relationship and the "
    "best-interests record. Nothing was recorded.": {
        "fr": "La personne est, ou pourrait être, un enfant : indiquez le nom du tuteur, le lien "
        "et l'évaluation de l'intérêt supérieur. Rien n'a été enregistré.",
        "es": "La persona es, o podría ser, menor: indique el nombre del tutor, la relación y el "
        "registro del interés superior. No se registró nada.",
        "ar": "الشخص طفل أو قد يكون كذلك: املأ اسم الوصي وصلة القرابة وسجل المصالح الفضلى. لم "
        "يُسجَّل أي شيء.",
    },
}
