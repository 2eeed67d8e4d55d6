"""Translations of the approval step's strings (the gate checklist's decisions and the
second-person sign-in dialog), merged by the integrator into the catalogues."""

from __future__ import annotations

TABLE: dict[str, dict[str, object]] = {
    # --- protection officer outcomes and reasons -----------------------------------------------
    "No protection need found: the return may go ahead": {
        "fr": "Aucun besoin de protection constaté : le retour peut avoir lieu",
        "es": "No se constató necesidad de protección: el retorno puede seguir adelante",
        "ar": "لم تثبت حاجة إلى الحماية: يمكن المضي في العودة",
    },
    "The person withdrew the fear after independent counselling": {
        "fr": "La personne a retiré sa crainte après un conseil indépendant",
        "es": "La persona retiró el temor tras un asesoramiento independiente",
        "ar": "سحب الشخص خوفه بعد استشارة مستقلة",
    },
    "An asylum claim was lodged: no travel document in this case": {
        "fr": "Une demande d'asile a été déposée : aucun document de voyage dans ce dossier",
        "es": "Se presentó una solicitud de asilo: ningún documento de viaje en este expediente",
        "ar": "قُدّم طلب لجوء: لا وثيقة سفر في هذا الملف",
    },
    "Referred to a protection agency: no travel document in this case": {
        "fr": "Orienté vers un organisme de protection : aucun document de voyage dans ce dossier",
        "es": "Derivado a un organismo de protección: ningún documento de viaje en este expediente",
        "ar": "أُحيل إلى جهة حماية: لا وثيقة سفر في هذا الملف",
    },
    "Consent is free (the person must then confirm their consent again)": {
        "fr": "Le consentement est libre (la personne doit ensuite confirmer à nouveau son "
        "consentement)",
        "es": "El consentimiento es libre (después la persona debe confirmar de nuevo su "
        "consentimiento)",
        "ar": "الموافقة حرّة (وعلى الشخص بعد ذلك أن يؤكّد موافقته من جديد)",
    },
    "Consent is not free": {
        "fr": "Le consentement n'est pas libre",
        "es": "El consentimiento no es libre",
        "ar": "الموافقة ليست حرّة",
    },
    "Voluntary repatriation confirmed": {
        "fr": "Rapatriement volontaire confirmé",
        "es": "Repatriación voluntaria confirmada",
        "ar": "تأكّدت العودة الطوعية إلى الوطن",
    },
    "The protection status was not confirmed": {
        "fr": "Le statut de protection n'a pas été confirmé",
        "es": "No se confirmó el estatuto de protección",
        "ar": "لم يتأكّد وضع الحماية",
    },
    "Nationality confirmed by the authorities": {
        "fr": "Nationalité confirmée par les autorités",
        "es": "Nacionalidad confirmada por las autoridades",
        "ar": "أكّدت السلطات الجنسية",
    },
    "Doubts about identity or nationality": {
        "fr": "Doutes sur l'identité ou la nationalité",
        "es": "Dudas sobre la identidad o la nacionalidad",
        "ar": "شكوك في الهوية أو الجنسية",
    },
    "Doubts about the person's consent": {
        "fr": "Doutes sur le consentement de la personne",
        "es": "Dudas sobre el consentimiento de la persona",
        "ar": "شكوك في موافقة الشخص",
    },
    "The interview record is not sufficient": {
        "fr": "Le compte rendu de l'entretien n'est pas suffisant",
        "es": "El registro de la entrevista no es suficiente",
        "ar": "سجلّ المقابلة غير كافٍ",
    },
    "A protection concern needs review first": {
        "fr": "Une préoccupation de protection doit d'abord être examinée",
        "es": "Primero debe examinarse una preocupación de protección",
        "ar": "يجب أولًا النظر في مسألة تتعلّق بالحماية",
    },
    # --- the decisions --------------------------------------------------------------------------
    "Supervisor &approval…": {
        "fr": "&Approbation du superviseur…",
        "es": "&Aprobación del supervisor…",
        "ar": "موافقة المشرف…",
    },
    "A supervisor who took no part in the interview approves issuing the document.": {
        "fr": "Un superviseur qui n'a pas participé à l'entretien approuve la délivrance du "
        "document.",
        "es": "Un supervisor que no participó en la entrevista aprueba la expedición del "
        "documento.",
        "ar": "يوافق مشرف لم يشارك في المقابلة على إصدار الوثيقة.",
    },
    "&Nationality approval…": {
        "fr": "Approbation de la &nationalité…",
        "es": "Aprobación de la &nacionalidad…",
        "ar": "الموافقة على الجنسية…",
    },
    "A supervisor who took no part in the interview approves the nationality established by "
    "interview.": {
        "fr": "Un superviseur qui n'a pas participé à l'entretien approuve la nationalité "
        "établie par entretien.",
        "es": "Un supervisor que no participó en la entrevista aprueba la nacionalidad "
        "establecida mediante entrevista.",
        "ar": "يوافق مشرف لم يشارك في المقابلة على الجنسية التي ثبتت بالمقابلة.",
    },
    "Re&ferral outcome…": {
        "fr": "Résultat de l'&orientation…",
        "es": "Resultado de la &derivación…",
        "ar": "نتيجة الإحالة…",
    },
    "A protection officer records the outcome of the fear-of-return referral.": {
        "fr": "Un agent de protection enregistre le résultat de l'orientation pour crainte en "
        "cas de retour.",
        "es": "Un funcionario de protección registra el resultado de la derivación por temor al "
        "retorno.",
        "ar": "يسجّل موظف الحماية نتيجة الإحالة بسبب الخوف من العودة.",
    },
    "&Voluntariness review…": {
        "fr": "Examen du caractère &volontaire…",
        "es": "Revisión de la &voluntariedad…",
        "ar": "مراجعة الطوعية…",
    },
    "A protection officer reviews whether the consent is free.": {
        "fr": "Un agent de protection examine si le consentement est libre.",
        "es": "Un funcionario de protección revisa si el consentimiento es libre.",
        "ar": "يراجع موظف الحماية ما إذا كانت الموافقة حرّة.",
    },
    "Release the protection &hold…": {
        "fr": "&Lever la suspension de protection…",
        "es": "&Levantar la suspensión por protección…",
        "ar": "رفع تعليق الحماية…",
    },
    "A protection officer releases the hold on the case.": {
        "fr": "Un agent de protection lève la suspension du dossier.",
        "es": "Un funcionario de protección levanta la suspensión del expediente.",
        "ar": "يرفع موظف الحماية التعليق عن الملف.",
    },
    "Supervisor approval": {
        "fr": "Approbation du superviseur",
        "es": "Aprobación del supervisor",
        "ar": "موافقة المشرف",
    },
    "Nationality approval": {
        "fr": "Approbation de la nationalité",
        "es": "Aprobación de la nacionalidad",
        "ar": "الموافقة على الجنسية",
    },
    "Referral outcome": {
        "fr": "Résultat de l'orientation",
        "es": "Resultado de la derivación",
        "ar": "نتيجة الإحالة",
    },
    "Voluntariness review": {
        "fr": "Examen du caractère volontaire",
        "es": "Revisión de la voluntariedad",
        "ar": "مراجعة الطوعية",
    },
    "Protection hold released": {
        "fr": "Suspension de protection levée",
        "es": "Suspensión por protección levantada",
        "ar": "رُفع تعليق الحماية",
    },
    "approved": {"fr": "approuvé", "es": "aprobado", "ar": "تمت الموافقة"},
    "not approved": {"fr": "non approuvé", "es": "no aprobado", "ar": "لم تتم الموافقة"},
    "What is approved": {
        "fr": "Ce qui est approuvé",
        "es": "Lo que se aprueba",
        "ar": "ما تتمّ الموافقة عليه",
    },
    "Decisions by a second person": {
        "fr": "Décisions d'une deuxième personne",
        "es": "Decisiones de una segunda persona",
        "ar": "قرارات شخص ثانٍ",
    },
    "Decisions recorded": {
        "fr": "Décisions enregistrées",
        "es": "Decisiones registradas",
        "ar": "القرارات المسجّلة",
    },
    "Interviewed and recorded by: {names}. They may not approve this case.": {
        "fr": "Entretien et saisie par : {names}. Ces personnes ne peuvent pas approuver ce "
        "dossier.",
        "es": "Entrevista y registro por: {names}. Estas personas no pueden aprobar este "
        "expediente.",
        "ar": "أجرى المقابلة وسجّلها: {names}. لا يجوز لهم الموافقة على هذا الملف.",
    },
    "{decision}: {outcome} — {name}, {when}": {
        "fr": "{decision} : {outcome} — {name}, {when}",
        "es": "{decision}: {outcome} — {name}, {when}",
        "ar": "{decision}: {outcome} — {name}، {when}",
    },
    "No decision recorded yet.": {
        "fr": "Aucune décision enregistrée pour l'instant.",
        "es": "Todavía no se ha registrado ninguna decisión.",
        "ar": "لم يُسجَّل أي قرار بعد.",
    },
    "✓ A supervisor approved issuing the document.": {
        "fr": "✓ Un superviseur a approuvé la délivrance du document.",
        "es": "✓ Un supervisor aprobó la expedición del documento.",
        "ar": "✓ وافق مشرف على إصدار الوثيقة.",
    },
    "A supervisor can approve once every other condition in the list is met and consent is "
    "recorded.": {
        "fr": "Un superviseur pourra approuver lorsque toutes les autres conditions de la liste "
        "seront remplies et le consentement enregistré.",
        "es": "Un supervisor podrá aprobar cuando se cumplan todas las demás condiciones de la "
        "lista y se haya registrado el consentimiento.",
        "ar": "يمكن للمشرف الموافقة بعد استيفاء كل الشروط الأخرى في القائمة وتسجيل الموافقة.",
    },
    "No decision is needed now.": {
        "fr": "Aucune décision n'est nécessaire pour le moment.",
        "es": "Ahora no hace falta ninguna decisión.",
        "ar": "لا حاجة إلى أي قرار الآن.",
    },
    "&Approve issuing the travel document": {
        "fr": "&Approuver la délivrance du document de voyage",
        "es": "&Aprobar la expedición del documento de viaje",
        "ar": "الموافقة على إصدار وثيقة السفر",
    },
    "Do &not approve": {
        "fr": "&Ne pas approuver",
        "es": "&No aprobar",
        "ar": "عدم الموافقة",
    },
    "&Approve the nationality": {
        "fr": "&Approuver la nationalité",
        "es": "&Aprobar la nacionalidad",
        "ar": "الموافقة على الجنسية",
    },
    "&Release the hold": {
        "fr": "&Lever la suspension",
        "es": "&Levantar la suspensión",
        "ar": "رفع التعليق",
    },
    "Approved. The travel document can now be issued.": {
        "fr": "Approuvé. Le document de voyage peut maintenant être délivré.",
        "es": "Aprobado. Ahora se puede expedir el documento de viaje.",
        "ar": "تمت الموافقة. يمكن الآن إصدار وثيقة السفر.",
    },
    "Not approved. The reason is recorded in the case.": {
        "fr": "Non approuvé. Le motif est enregistré dans le dossier.",
        "es": "No aprobado. El motivo queda registrado en el expediente.",
        "ar": "لم تتم الموافقة. سُجّل السبب في الملف.",
    },
    "The nationality is approved.": {
        "fr": "La nationalité est approuvée.",
        "es": "La nacionalidad está aprobada.",
        "ar": "تمت الموافقة على الجنسية.",
    },
    "The referral outcome is recorded.": {
        "fr": "Le résultat de l'orientation est enregistré.",
        "es": "El resultado de la derivación está registrado.",
        "ar": "سُجّلت نتيجة الإحالة.",
    },
    "The voluntariness review is recorded.": {
        "fr": "L'examen du caractère volontaire est enregistré.",
        "es": "La revisión de la voluntariedad está registrada.",
        "ar": "سُجّلت مراجعة الطوعية.",
    },
    "The protection hold is released.": {
        "fr": "La suspension de protection est levée.",
        "es": "La suspensión por protección está levantada.",
        "ar": "رُفع تعليق الحماية.",
    },
    # --- the second-person dialog ---------------------------------------------------------------
    "Checking the passphrase…": {
        "fr": "Vérification de la phrase secrète…",
        "es": "Comprobando la frase de contraseña…",
        "ar": "جارٍ التحقّق من عبارة المرور…",
    },
    "&Sign in": {"fr": "Se &connecter", "es": "&Iniciar sesión", "ar": "تسجيل الدخول"},
    "Sign in with your own user name and passphrase:": {
        "fr": "Connectez-vous avec votre propre nom d'utilisateur et votre phrase secrète :",
        "es": "Inicie sesión con su propio nombre de usuario y su frase de contraseña:",
        "ar": "سجّل الدخول باسم المستخدم وعبارة المرور الخاصّين بك:",
    },
    "Reason": {"fr": "Motif", "es": "Motivo", "ar": "السبب"},
    "&Reason": {"fr": "&Motif", "es": "&Motivo", "ar": "السبب"},
    "Comment (optional)": {
        "fr": "Commentaire (facultatif)",
        "es": "Comentario (opcional)",
        "ar": "تعليق (اختياري)",
    },
    "&Comment (optional)": {
        "fr": "&Commentaire (facultatif)",
        "es": "&Comentario (opcional)",
        "ar": "تعليق (اختياري)",
    },
    "Record the &decision": {
        "fr": "Enregistrer la &décision",
        "es": "Registrar la &decisión",
        "ar": "تسجيل القرار",
    },
    "Cancel": {"fr": "Annuler", "es": "Cancelar", "ar": "إلغاء"},
    "Signed in as {name}.": {
        "fr": "Connecté en tant que {name}.",
        "es": "Sesión iniciada como {name}.",
        "ar": "تمّ تسجيل الدخول باسم {name}.",
    },
    # --- refusals -------------------------------------------------------------------------------
    "The approver took part in the interview: a second supervisor who did not must approve "
    "(four eyes).": {
        "fr": "La personne qui approuve a participé à l'entretien : un second superviseur qui "
        "n'y a pas participé doit approuver (principe des quatre yeux).",
        "es": "Quien aprueba participó en la entrevista: debe aprobar un segundo supervisor "
        "que no haya participado (principio de los cuatro ojos).",
        "ar": "شارك الموافِق في المقابلة: يجب أن يوافق مشرف ثانٍ لم يشارك فيها (مبدأ الأعين الأربع).",
    },
    "Not yet: {sentence}": {
        "fr": "Pas encore : {sentence}",
        "es": "Todavía no: {sentence}",
        "ar": "ليس بعد: {sentence}",
    },
    "This is not possible while the case is “{status}”.": {
        "fr": "Ce n'est pas possible tant que le dossier est « {status} ».",
        "es": "No es posible mientras el expediente esté en «{status}».",
        "ar": "هذا غير ممكن ما دام الملف في حالة «{status}».",
    },
    "This is not possible in this case now.": {
        "fr": "Ce n'est pas possible dans ce dossier pour le moment.",
        "es": "Ahora no es posible en este expediente.",
        "ar": "هذا غير ممكن في هذا الملف الآن.",
    },
}
