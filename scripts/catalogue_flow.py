"""Translations of the case flow's strings and of the safeguard gate's sentences
(merged into ``fill_catalogues.T``; a separate table keeps merges between features easy).

Terms used throughout: rights advisal = « information sur les droits » / « información sobre los
derechos » / « الإبلاغ بالحقوق »; supervisor = superviseur / supervisor / مشرف; protection
officer = agent de protection / funcionario de protección / موظف الحماية; approval (by a
supervisor) = approbation / aprobación / موافقة المشرف (as in catalogue_approval)."""

from __future__ import annotations

TABLE: dict[str, dict[str, object]] = {
    "No photograph of the person is recorded: the travel document is printed with one. "
    "Add the photograph in the identity step.": {
        "fr": "Aucune photographie de la personne n'est enregistrée : le document de voyage "
        "est imprimé avec une photo. Ajoutez la photographie à l'étape Identité.",
        "es": "No se ha registrado ninguna fotografía de la persona: el documento de viaje se "
        "imprime con una. Añada la fotografía en el paso Identidad.",
        "ar": "لم تُسجَّل صورة فوتوغرافية للشخص: تُطبع وثيقة السفر بصورة. أضف الصورة في خطوة الهوية.",
    },
    # --- the case flow ---------------------------------------------------------------------
    "&Reason": {"fr": "&Motif", "es": "&Motivo", "ar": "السبب"},
    "Reason": {"fr": "Motif", "es": "Motivo", "ar": "السبب"},
    "Alt+{number}": {"fr": "Alt+{number}", "es": "Alt+{number}", "ar": "Alt+{number}"},
    "Overview": {"fr": "Vue d'ensemble", "es": "Resumen", "ar": "نظرة عامة"},
    # babel also extracts the key in _(STEP_TITLES["overview"]); never shown
    "overview": {"fr": "vue d'ensemble", "es": "resumen", "ar": "نظرة عامة"},
    "Identity": {"fr": "Identité", "es": "Identidad", "ar": "الهوية"},
    "Interview": {"fr": "Entretien", "es": "Entrevista", "ar": "المقابلة"},
    "Rights advisal": {
        "fr": "Information sur les droits",
        "es": "Información sobre los derechos",
        "ar": "الإبلاغ بالحقوق",
    },
    "Consent": {"fr": "Consentement", "es": "Consentimiento", "ar": "الموافقة"},
    "Approval": {"fr": "Approbation", "es": "Aprobación", "ar": "موافقة المشرف"},
    "Issue and print": {
        "fr": "Délivrance et impression",
        "es": "Expedición e impresión",
        "ar": "الإصدار والطباعة",
    },
    "Steps of the case": {
        "fr": "Étapes du dossier",
        "es": "Pasos del expediente",
        "ar": "خطوات الملف",
    },
    "Go to {step}": {
        "fr": "Aller à l'étape {step}",
        "es": "Ir al paso {step}",
        "ar": "الانتقال إلى خطوة {step}",
    },
    "Go to {step} to fix: {sentence}": {
        "fr": "Aller à l'étape {step} pour corriger : {sentence}",
        "es": "Ir al paso {step} para corregir: {sentence}",
        "ar": "الانتقال إلى خطوة {step} لمعالجة ما يلي: {sentence}",
    },
    "Not met": {"fr": "Non remplie", "es": "No cumplida", "ar": "غير مستوفى"},
    "Machine-readable zone, typed": {
        "fr": "Zone de lecture automatique, saisie",
        "es": "Zona de lectura mecánica, escrita",
        "ar": "منطقة القراءة الآلية، مكتوبة",
    },
    "Use this MRZ": {
        "fr": "Utiliser cette ZLA",
        "es": "Usar esta ZLM",
        "ar": "استخدام منطقة القراءة الآلية هذه",
    },
    "Withdraw consent": {
        "fr": "Retirer le consentement",
        "es": "Retirar el consentimiento",
        "ar": "سحب الموافقة",
    },
    "Withdraw consent…": {
        "fr": "Retirer le consentement…",
        "es": "Retirar el consentimiento…",
        "ar": "سحب الموافقة…",
    },
    "Consent withdrawn. The case can no longer lead to a document.": {
        "fr": "Consentement retiré. Le dossier ne peut plus aboutir à un document.",
        "es": "Consentimiento retirado. El expediente ya no puede dar lugar a un documento.",
        "ar": "سُحبت الموافقة. لم يعد بالإمكان أن يفضي هذا الملف إلى إصدار وثيقة.",
    },
    "The person may withdraw consent at any time before departure. Every consent to return "
    "and to the travel document is withdrawn; a document already issued is voided and put on "
    "the revocation list sent to headquarters. This cannot be undone: new consent needs a new "
    "advisal.": {
        "fr": "La personne peut retirer son consentement à tout moment avant le départ. Tout "
        "consentement au retour et au titre de voyage est retiré ; un document déjà délivré est "
        "annulé et inscrit sur la liste de révocation envoyée au siège. Ce retrait est "
        "irréversible : un nouveau consentement exige une nouvelle information sur les droits.",
        "es": "La persona puede retirar su consentimiento en cualquier momento antes de la "
        "salida. Se retira todo consentimiento al retorno y al documento de viaje; un documento "
        "ya expedido se anula y se incluye en la lista de revocación enviada a la sede. No se "
        "puede deshacer: un nuevo consentimiento requiere una nueva información sobre los "
        "derechos.",
        "ar": "يجوز للشخص سحب موافقته في أي وقت قبل المغادرة. تُسحب كل موافقة على العودة "
        "وعلى وثيقة السفر، وتُلغى أي وثيقة صدرت بالفعل وتُدرج في قائمة الإلغاء المرسلة إلى "
        "المقر. لا يمكن التراجع عن ذلك: تتطلب أي موافقة جديدة إبلاغًا جديدًا بالحقوق.",
    },
    "The person withdrew their consent": {
        "fr": "La personne a retiré son consentement",
        "es": "La persona retiró su consentimiento",
        "ar": "سحب الشخص موافقته",
    },
    "The guardian withdrew consent for the child": {
        "fr": "Le tuteur a retiré le consentement donné pour l'enfant",
        "es": "El tutor retiró el consentimiento dado en nombre del menor",
        "ar": "سحب الوصي الموافقة المقدَّمة نيابةً عن الطفل",
    },
    "The person now expresses fear of return": {
        "fr": "La personne exprime maintenant une crainte en cas de retour",
        "es": "La persona expresa ahora temor al retorno",
        "ar": "يعبّر الشخص الآن عن خوفه من العودة",
    },
    "The person reports pressure to return": {
        "fr": "La personne signale des pressions pour qu'elle rentre",
        "es": "La persona informa de presiones para que regrese",
        "ar": "يُبلغ الشخص عن تعرّضه لضغوط كي يعود",
    },
    # --- the safeguard gate (laissez/desktop/flow/gate_text.py) -----------------------------
    "No nationality is recorded: record the person's identity and nationality first.": {
        "fr": "Aucune nationalité n'est enregistrée : enregistrez d'abord l'identité et la "
        "nationalité de la personne.",
        "es": "No consta ninguna nacionalidad: registre primero la identidad y la nacionalidad "
        "de la persona.",
        "ar": "لم تُسجَّل أي جنسية: سجّل أولًا هوية الشخص وجنسيته.",
    },
    "Identity and nationality are not established: read a valid MRZ, or have a supervisor "
    "approve the nationality interview.": {
        "fr": "L'identité et la nationalité ne sont pas établies : lisez une ZLA valide, ou "
        "faites approuver l'entretien de nationalité par un superviseur.",
        "es": "La identidad y la nacionalidad no están establecidas: lea una ZLM válida, o haga "
        "que un supervisor apruebe la entrevista de nacionalidad.",
        "ar": "لم تثبت الهوية والجنسية: اقرأ منطقة قراءة آلية صالحة، أو اطلب من مشرف الموافقة "
        "على مقابلة الجنسية.",
    },
    "The person is stateless, a refugee or otherwise protected (XXA/XXB/XXC or their own "
    "statement): the case is on hold until a protection officer releases it.": {
        "fr": "La personne est apatride, réfugiée ou protégée à un autre titre (XXA/XXB/XXC ou "
        "sa propre déclaration) : le dossier est suspendu jusqu'à ce qu'un agent de protection "
        "lève la suspension.",
        "es": "La persona es apátrida, refugiada o está protegida por otro motivo (XXA/XXB/XXC "
        "o su propia declaración): el expediente queda suspendido hasta que un funcionario de "
        "protección levante la suspensión.",
        "ar": "الشخص عديم الجنسية أو لاجئ أو مشمول بحماية أخرى (XXA/XXB/XXC أو بحسب إفادته): "
        "الملف معلّق إلى أن يرفع موظف الحماية التعليق.",
    },
    "Not every interview form is complete: identity, family, vulnerability, fear of return, "
    "pending proceedings, and travel and route.": {
        "fr": "Tous les formulaires d'entretien ne sont pas complets : identité, famille, "
        "vulnérabilité, crainte en cas de retour, procédures en cours, et voyage et itinéraire.",
        "es": "No todos los formularios de la entrevista están completos: identidad, familia, "
        "vulnerabilidad, temor al retorno, procedimientos pendientes, y viaje y ruta.",
        "ar": "لم تكتمل جميع استمارات المقابلة: الهوية، والأسرة، وأوجه الضعف، والخوف من "
        "العودة، والإجراءات الجارية، والسفر والمسار.",
    },
    "No rights advisal has been delivered in this case.": {
        "fr": "Aucune information sur les droits n'a été donnée dans ce dossier.",
        "es": "No se ha dado ninguna información sobre los derechos en este expediente.",
        "ar": "لم يُقدَّم أي إبلاغ بالحقوق في هذا الملف.",
    },
    "The advisal's text version and hash do not match a known, unchanged advisal text: "
    "deliver the advisal again from the current text.": {
        "fr": "La version et l'empreinte du texte de l'information sur les droits ne "
        "correspondent à aucun texte connu et non modifié : donnez de nouveau l'information à "
        "partir du texte actuel.",
        "es": "La versión y la huella (hash) del texto de la información sobre los derechos no "
        "corresponden a ningún texto conocido y sin modificar: vuelva a dar la información a "
        "partir del texto actual.",
        "ar": "إصدار نص الإبلاغ بالحقوق وبصمته الرقمية لا يطابقان أي نص معروف لم يُعدَّل: "
        "قدّم الإبلاغ من جديد بالاستناد إلى النص الحالي.",
    },
    "The advisal was not delivered in a language the person said they understand: deliver it "
    "again in their language.": {
        "fr": "L'information sur les droits n'a pas été donnée dans une langue que la personne "
        "a déclaré comprendre : donnez-la de nouveau dans sa langue.",
        "es": "La información sobre los derechos no se dio en un idioma que la persona declaró "
        "entender: vuelva a darla en su idioma.",
        "ar": "لم يُقدَّم الإبلاغ بالحقوق بلغة قال الشخص إنه يفهمها: قدّمه من جديد بلغته.",
    },
    "It is not recorded whether an interpreter was needed for the advisal.": {
        "fr": "Le dossier n'indique pas si un interprète était nécessaire pour l'information "
        "sur les droits.",
        "es": "No consta si se necesitaba un intérprete para la información sobre los derechos.",
        "ar": "لم يُسجَّل ما إذا كانت هناك حاجة إلى مترجم شفوي للإبلاغ بالحقوق.",
    },
    "An interpreter was needed for the advisal but none was used: deliver it again with an "
    "interpreter.": {
        "fr": "Un interprète était nécessaire pour l'information sur les droits, mais il n'y en "
        "a pas eu : donnez-la de nouveau avec un interprète.",
        "es": "Se necesitaba un intérprete para la información sobre los derechos, pero no hubo "
        "ninguno: vuelva a darla con un intérprete.",
        "ar": "كانت هناك حاجة إلى مترجم شفوي للإبلاغ بالحقوق ولم يُستعن بأي مترجم: قدّمه من "
        "جديد بحضور مترجم شفوي.",
    },
    "The person's questions during the advisal, and the answers given, are not recorded "
    "(record 'none' if there were none).": {
        "fr": "Les questions posées par la personne pendant l'information sur les droits, et "
        "les réponses données, ne sont pas enregistrées (enregistrez « aucune » s'il n'y en a "
        "pas eu).",
        "es": "Las preguntas de la persona durante la información sobre los derechos, y las "
        "respuestas dadas, no están registradas (registre «ninguna» si no hubo ninguna).",
        "ar": "لم تُسجَّل أسئلة الشخص أثناء الإبلاغ بالحقوق ولا الأجوبة المقدَّمة عنها (سجّل "
        "«لا توجد» إن لم تكن هناك أسئلة).",
    },
    "Legal counsel and free legal aid were not offered during the advisal.": {
        "fr": "L'assistance d'un avocat et l'aide juridictionnelle gratuite n'ont pas été "
        "proposées pendant l'information sur les droits.",
        "es": "No se ofrecieron asistencia letrada ni asistencia jurídica gratuita durante la "
        "información sobre los derechos.",
        "ar": "لم تُعرض الاستعانة بمحامٍ ولا المساعدة القانونية المجانية أثناء الإبلاغ بالحقوق.",
    },
    "The person's consent to return is not recorded.": {
        "fr": "Le consentement de la personne au retour n'est pas enregistré.",
        "es": "No consta el consentimiento de la persona al retorno.",
        "ar": "لم تُسجَّل موافقة الشخص على العودة.",
    },
    "The person's consent to the travel document is not recorded.": {
        "fr": "Le consentement de la personne au titre de voyage n'est pas enregistré.",
        "es": "No consta el consentimiento de la persona al documento de viaje.",
        "ar": "لم تُسجَّل موافقة الشخص على وثيقة السفر.",
    },
    "The person declined to return or declined the travel document.": {
        "fr": "La personne a refusé le retour ou a refusé le titre de voyage.",
        "es": "La persona rechazó el retorno o rechazó el documento de viaje.",
        "ar": "رفض الشخص العودة أو رفض وثيقة السفر.",
    },
    "The person withdrew their consent.": {
        "fr": "La personne a retiré son consentement.",
        "es": "La persona retiró su consentimiento.",
        "ar": "سحب الشخص موافقته.",
    },
    "Consent was recorded before the latest rights advisal: ask for consent again now that "
    "the person has been advised.": {
        "fr": "Le consentement a été enregistré avant la dernière information sur les droits : "
        "demandez de nouveau le consentement maintenant que la personne a été informée.",
        "es": "El consentimiento se registró antes de la última información sobre los derechos: "
        "vuelva a pedir el consentimiento ahora que la persona ha sido informada.",
        "ar": "سُجّلت الموافقة قبل آخر إبلاغ بالحقوق: اطلب الموافقة من جديد بعد أن أُبلغ "
        "الشخص بحقوقه.",
    },
    "Consent may not be free (the person would rather return than stay in detention, or "
    "reported pressure): a protection officer must review it and the person must confirm "
    "consent again afterwards.": {
        "fr": "Le consentement n'est peut-être pas libre (la personne préfère rentrer plutôt "
        "que de rester en détention, ou a signalé des pressions) : un agent de protection doit "
        "l'examiner, puis la personne doit confirmer de nouveau son consentement.",
        "es": "Puede que el consentimiento no sea libre (la persona prefiere regresar antes que "
        "seguir detenida, o informó de presiones): un funcionario de protección debe revisarlo "
        "y, después, la persona debe confirmar de nuevo su consentimiento.",
        "ar": "قد لا تكون الموافقة حرة (يفضّل الشخص العودة على البقاء في الاحتجاز، أو أبلغ عن "
        "تعرّضه لضغوط): يجب أن يراجعها موظف الحماية، ثم يجب أن يؤكد الشخص موافقته من جديد.",
    },
    "The person has not been asked about sharing their data with each recipient separately "
    "(refusing is allowed and does not block the document).": {
        "fr": "La personne n'a pas été interrogée, pour chaque destinataire séparément, sur le "
        "partage de ses données (elle peut refuser, et un refus ne bloque pas le document).",
        "es": "No se ha preguntado a la persona, por separado para cada destinatario, si "
        "acepta que se compartan sus datos (puede negarse y la negativa no bloquea el "
        "documento).",
        "ar": "لم يُسأل الشخص عن مشاركة بياناته مع كل جهة متلقية على حدة (يجوز له الرفض، "
        "والرفض لا يمنع إصدار الوثيقة).",
    },
    "The fear-of-return screening has not been done.": {
        "fr": "L'évaluation de la crainte en cas de retour n'a pas été faite.",
        "es": "No se ha realizado la evaluación del temor al retorno.",
        "ar": "لم يُجرَ فحص الخوف من العودة.",
    },
    "The person expressed fear of return (or the answer was unclear): no document until a "
    "protection officer records a referral outcome. This cannot be overridden.": {
        "fr": "La personne a exprimé une crainte en cas de retour (ou la réponse n'était pas "
        "claire) : aucun document tant qu'un agent de protection n'a pas enregistré l'issue de "
        "l'orientation. Cette règle ne peut pas être levée.",
        "es": "La persona expresó temor al retorno (o la respuesta no fue clara): no habrá "
        "ningún documento hasta que un funcionario de protección registre el resultado de la "
        "derivación. Esto no se puede anular.",
        "ar": "عبّر الشخص عن خوفه من العودة (أو كان الجواب غير واضح): لا تصدر أي وثيقة قبل أن "
        "يسجّل موظف الحماية نتيجة الإحالة. ولا يمكن تجاوز ذلك.",
    },
    "A protection officer referred the person to a protection procedure: no travel document "
    "can be issued in this case.": {
        "fr": "Un agent de protection a orienté la personne vers une procédure de protection : "
        "aucun titre de voyage ne peut être délivré dans ce dossier.",
        "es": "Un funcionario de protección derivó a la persona a un procedimiento de "
        "protección: no se puede expedir ningún documento de viaje en este expediente.",
        "ar": "أحال موظف الحماية الشخص إلى إجراء حماية: لا يمكن إصدار أي وثيقة سفر في هذا الملف.",
    },
    "The person is, or may be, a child: a guardian must take part in the consent.": {
        "fr": "La personne est, ou pourrait être, un enfant : un tuteur doit participer au "
        "consentement.",
        "es": "La persona es, o puede ser, menor de edad: un tutor debe participar en el "
        "consentimiento.",
        "ar": "الشخص طفل أو قد يكون طفلًا: يجب أن يشارك وصيّ في الموافقة.",
    },
    "The person is, or may be, a child: a best-interests record is required.": {
        "fr": "La personne est, ou pourrait être, un enfant : une évaluation de l'intérêt "
        "supérieur de l'enfant doit être enregistrée.",
        "es": "La persona es, o puede ser, menor de edad: debe registrarse una evaluación del "
        "interés superior del menor.",
        "ar": "الشخص طفل أو قد يكون طفلًا: يجب تسجيل تقييم لمصالح الطفل الفضلى.",
    },
    "Pending asylum, appeal or court proceedings have not been asked about.": {
        "fr": "La personne n'a pas été interrogée sur d'éventuelles procédures d'asile, de "
        "recours ou judiciaires en cours.",
        "es": "No se ha preguntado por procedimientos de asilo, recursos o procesos judiciales "
        "pendientes.",
        "ar": "لم يُسأل الشخص عن أي إجراءات لجوء أو طعن أو دعاوى قضائية لا تزال جارية.",
    },
    "A pending proceeding is recorded but the consequences of leaving (the procedure may "
    "end, an order may be made in absence) were not explained.": {
        "fr": "Une procédure en cours est enregistrée, mais les conséquences d'un départ (la "
        "procédure peut prendre fin, une décision peut être rendue en l'absence de la "
        "personne) n'ont pas été expliquées.",
        "es": "Consta un procedimiento pendiente, pero no se explicaron las consecuencias de "
        "marcharse (el procedimiento puede terminar, puede dictarse una resolución en ausencia "
        "de la persona).",
        "ar": "سُجّل إجراء جارٍ، لكن لم تُشرح عواقب المغادرة (قد ينتهي الإجراء، وقد يصدر قرار "
        "في غياب الشخص).",
    },
    "The person has not acknowledged the consequences of leaving for their pending proceedings.": {
        "fr": "La personne n'a pas confirmé avoir pris connaissance des conséquences d'un "
        "départ sur ses procédures en cours.",
        "es": "La persona no ha confirmado que conoce las consecuencias que tendría marcharse "
        "para sus procedimientos pendientes.",
        "ar": "لم يُقرّ الشخص بعلمه بعواقب المغادرة على إجراءاته الجارية.",
    },
    "No supervisor has approved issuing the document.": {
        "fr": "Aucun superviseur n'a approuvé la délivrance du document.",
        "es": "Ningún supervisor ha aprobado la expedición del documento.",
        "ar": "لم يوافق أي مشرف على إصدار الوثيقة.",
    },
    "The approval was given by someone without the supervisor role.": {
        "fr": "L'approbation a été donnée par une personne qui n'a pas le rôle de superviseur.",
        "es": "La aprobación la dio alguien que no tiene el rol de supervisor.",
        "ar": "أعطى الموافقة على الإصدار شخصٌ لا يحمل دور المشرف.",
    },
    # as in catalogue_approval (the approval step shows the same sentence)
    "The approver took part in the interview: a second supervisor who did not must approve "
    "(four eyes).": {
        "fr": "La personne qui approuve a participé à l'entretien : un second superviseur qui "
        "n'y a pas participé doit approuver (principe des quatre yeux).",
        "es": "Quien aprueba participó en la entrevista: debe aprobar un segundo supervisor que "
        "no haya participado (principio de los cuatro ojos).",
        "ar": "شارك الموافِق في المقابلة: يجب أن يوافق مشرف ثانٍ لم يشارك فيها (مبدأ الأعين الأربع).",
    },
    "The case changed after it was approved: a supervisor must approve it again.": {
        "fr": "Le dossier a changé après son approbation : un superviseur doit l'approuver de "
        "nouveau.",
        "es": "El expediente cambió después de aprobarse: un supervisor debe aprobarlo de nuevo.",
        "ar": "تغيّر الملف بعد الموافقة عليه: يجب أن يوافق عليه مشرف من جديد.",
    },
}
