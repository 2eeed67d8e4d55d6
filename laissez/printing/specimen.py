"""Specimen documents (Part 8 §4.2 asks States to circulate specimens), also used by tests,
benchmarks and the visual checks. Every person here is invented; the photo is a drawn
silhouette. The advisal texts are illustrations, not the legal texts kept in ``forms``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io

from PIL import Image, ImageDraw

from laissez.documents.seal import CertificateList, create_root, create_signer
from laissez.printing.etd import EtdData, IssuedEtd, issue_etd
from laissez.printing.receipt import Decision, ReceiptData, ReceiptLabels

SPECIMEN_DAY = dt.date(2026, 11, 24)


@functools.lru_cache(maxsize=1)
def specimen_photo() -> bytes:
    """A 350x450 PNG: a grey head-and-shoulders silhouette on a light background."""
    image = Image.new("RGB", (350, 450), (228, 232, 236))
    draw = ImageDraw.Draw(image)
    draw.ellipse((105, 70, 245, 250), fill=(120, 126, 134))
    draw.ellipse((40, 270, 310, 560), fill=(120, 126, 134))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def specimen_etd(**changes: object) -> EtdData:
    """An ETD specimen for the fictional State of Utopia (``UTO``); keywords override fields."""
    values: dict[str, object] = {
        "document_number": "UE0001234",
        "serial_number": "000001234",
        "issuing_state": "UTO",
        "issuing_state_name": "Republic of Utopia",
        "primary_identifier": "Ahmed",
        "secondary_identifier": "Sara",
        "name_original_script": "سارة أحمد",
        "nationality": "UTO",
        "date_of_birth": "1990-04-17",
        "sex": "F",
        "place_of_birth": "Port Utopia",
        "distinguishing_marks": "Scar on left hand",
        "photo": specimen_photo(),
        "issue_date": SPECIMEN_DAY,
        "issue_place": "Lisbon",
        "authority": "Embassy of Utopia, Lisbon",
        "expiry_date": SPECIMEN_DAY + dt.timedelta(days=30),
        "travel_date": SPECIMEN_DAY + dt.timedelta(days=7),
        "final_destination": "Port Utopia (UTO)",
        "transit_points": ("Madrid (ESP)", "Istanbul (TUR)"),
        "previous_passport": "P0000000 (lost)",
        "remarks": "SPECIMEN - NOT VALID FOR TRAVEL",
    }
    values.update(changes)
    return EtdData(**values)  # type: ignore[arg-type]


_AT = dt.datetime(2026, 11, 20, 10, 30)

_TEXTS: dict[str, dict[str, object]] = {
    "en": {
        "name": "Anna Maria Eriksson",
        "title": "Your rights before return",
        "text": (
            "You have the right to ask for international protection. If you fear harm on "
            "return, tell us now or at any time before you travel.\n\n"
            "You have the right to speak to a lawyer, free of charge, before you decide. "
            "Your decision is voluntary."
        ),
        "decisions": (
            ("Do you agree to return to your country of origin?", "Yes"),
            ("Do you agree to the issue of an emergency travel document?", "Yes"),
            ("Do you agree to your data being shared with the authorities of that country?", "No"),
        ),
        "labels": ReceiptLabels(),
    },
    "ar": {
        "name": "سارة أحمد",
        "title": "إعلامك بحقوقك قبل العودة",
        "text": (
            "لك الحق في طلب الحماية الدولية. إذا كنت تخشى التعرض للأذى عند عودتك، فأخبرنا "
            "الآن أو في أي وقت قبل السفر.\n\n"
            "لك الحق في التحدث إلى محامٍ مجانًا قبل أن تقرر. قرارك طوعي."
        ),
        "decisions": (
            ("هل توافق على العودة إلى بلدك الأصلي؟", "نعم"),
            ("هل توافق على إصدار وثيقة سفر طارئة؟", "نعم"),
            ("هل توافق على مشاركة بياناتك مع سلطات بلد العودة؟", "لا"),
        ),
        "labels": ReceiptLabels(
            title="إيصال: المعلومات التي تلقيتها والقرارات التي اتخذتها",
            person="الاسم",
            date="التاريخ",
            authority="صادر عن",
            advisal="المعلومات التي تلقيتها",
            text_version="إصدار النص",
            interpreter="المترجم",
            decisions="قراراتك",
            decision="السؤال",
            answer="إجابتك",
            recorded="تاريخ التسجيل",
            withdrawal="يمكنك سحب موافقتك في أي وقت قبل السفر. احتفظ بهذا الإيصال.",
            signature="التوقيع",
        ),
    },
    "ur": {
        "name": "عائشہ خان",
        "title": "واپسی سے پہلے آپ کے حقوق",
        "text": (
            "آپ کو بین الاقوامی تحفظ کی درخواست دینے کا حق ہے۔ اگر آپ کو واپسی پر نقصان کا خوف "
            "ہے تو ہمیں ابھی یا سفر سے پہلے کسی بھی وقت بتائیں۔\n\n"
            "فیصلہ کرنے سے پہلے آپ کو مفت وکیل سے بات کرنے کا حق ہے۔ آپ کا فیصلہ رضاکارانہ ہے۔"
        ),
        "decisions": (
            ("کیا آپ اپنے ملک واپس جانے پر رضامند ہیں؟", "ہاں"),
            ("کیا آپ ہنگامی سفری دستاویز کے اجرا پر رضامند ہیں؟", "ہاں"),
            ("کیا آپ اپنی معلومات واپسی کے ملک کے حکام کو دینے پر رضامند ہیں؟", "نہیں"),
        ),
        "labels": ReceiptLabels(
            title="رسید: آپ کو دی گئی معلومات اور آپ کے فیصلے",
            person="نام",
            date="تاریخ",
            authority="جاری کنندہ",
            advisal="آپ کو دی گئی معلومات",
            text_version="متن کا نسخہ",
            interpreter="مترجم",
            decisions="آپ کے فیصلے",
            decision="سوال",
            answer="آپ کا جواب",
            recorded="اندراج",
            withdrawal="آپ سفر سے پہلے کسی بھی وقت اپنی رضامندی واپس لے سکتے ہیں۔ "
            "یہ رسید اپنے پاس رکھیں۔",
            signature="دستخط",
        ),
    },
    "bn": {
        "name": "রহিম উদ্দিন",
        "title": "ফেরার আগে আপনার অধিকার",
        "text": (
            "আপনার আন্তর্জাতিক সুরক্ষা চাওয়ার অধিকার আছে। ফেরার পর ক্ষতির আশঙ্কা থাকলে এখনই "
            "অথবা ভ্রমণের আগে যেকোনো সময় আমাদের জানান।\n\n"
            "সিদ্ধান্ত নেওয়ার আগে বিনামূল্যে একজন আইনজীবীর সঙ্গে কথা বলার অধিকার আপনার আছে। "
            "আপনার সিদ্ধান্ত স্বেচ্ছামূলক।"
        ),
        "decisions": (
            ("আপনি কি নিজের দেশে ফিরে যেতে সম্মত?", "হ্যাঁ"),
            ("আপনি কি জরুরি ভ্রমণ নথি ইস্যু করতে সম্মত?", "হ্যাঁ"),
            ("আপনি কি ফেরার দেশের কর্তৃপক্ষের সঙ্গে আপনার তথ্য ভাগ করতে সম্মত?", "না"),
        ),
        "labels": ReceiptLabels(
            title="রসিদ: আপনি যে তথ্য পেয়েছেন এবং যে সিদ্ধান্ত নিয়েছেন",
            person="নাম",
            date="তারিখ",
            authority="প্রদানকারী",
            advisal="আপনি যে তথ্য পেয়েছেন",
            text_version="পাঠের সংস্করণ",
            interpreter="দোভাষী",
            decisions="আপনার সিদ্ধান্ত",
            decision="প্রশ্ন",
            answer="আপনার উত্তর",
            recorded="নথিভুক্ত",
            withdrawal="ভ্রমণের আগে যেকোনো সময় আপনি আপনার সম্মতি প্রত্যাহার করতে পারেন। "
            "এই রসিদটি রেখে দিন।",
            signature="স্বাক্ষর",
        ),
    },
}

SPECIMEN_LANGUAGES = tuple(_TEXTS)


def specimen_receipt(language: str = "en") -> ReceiptData:
    """A receipt specimen in ``en``, ``ar``, ``ur`` or ``bn``."""
    text = _TEXTS[language]
    pairs: tuple[tuple[str, str], ...] = text["decisions"]  # type: ignore[assignment]
    decisions = tuple(
        Decision(question, answer, _AT + dt.timedelta(minutes=5 * i))
        for i, (question, answer) in enumerate(pairs)
    )
    return ReceiptData(
        language=language,
        person_name=str(text["name"]),
        authority="Embassy of Utopia, Lisbon",
        issued_at=_AT + dt.timedelta(minutes=30),
        advisal_title=str(text["title"]),
        advisal_text=str(text["text"]),
        advisal_version="advisal-return v3 · sha256 3f2a9c1e",
        decisions=decisions,
        reference="R-7QX4-2KD9",
        interpreter="Interpreter no. 17" if language != "en" else "",
        labels=text["labels"],  # type: ignore[arg-type]
    )


def issue_specimen(signer_identifier: str = "UTTS") -> tuple[IssuedEtd, CertificateList]:
    """Print a specimen ETD signed by a throwaway TEST root and signer, and the certificate
    list that verifies it. For ``laissez etd specimen`` and ``laissez self-test`` only: a real
    ETD comes from casework's issue transition with the mission's installed signer."""
    root = create_root("Specimen Headquarters (TEST)", "UT")
    signer = create_signer(root, signer_identifier, mission="Specimen mission (TEST)")
    issued = issue_etd(specimen_etd(issue_date=dt.date.today()), signer)
    return issued, CertificateList((root.certificate,), (signer.certificate,))
