"""The correction stage on OCR text: confusions fixed by the format, doubt reported."""

from __future__ import annotations

import datetime as dt

from laissez.documents.mrz import LAYOUTS, MrzFormat, parse
from laissez.documents.ocr.correction import Corrected, correct
from laissez.documents.ocr.doubt import combine, guard
from laissez.documents.ocr.lines import fit_line, fix_length
from laissez.documents.ocr.onnx import _fill_gaps
from laissez.documents.ocr.pages import _Line, _pad

TODAY = dt.date(2026, 1, 1)
TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)


def test_clean_read_is_kept_and_trusted() -> None:
    found = correct(["\n".join(TD3)], today=TODAY)
    assert found.lines == TD3
    assert found.checks_pass and not found.ambiguous and not found.corrections
    assert all(value >= 0.9 for value in found.confidence.values())


def test_letter_digit_confusions_fixed_by_character_class() -> None:
    noisy = [
        "P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO74O8I22F12O4I59ZE184226B<<<<<1O",
    ]
    found = correct(["\n".join(noisy)], today=TODAY)
    assert found.lines == TD3
    assert parse(found.lines, today=TODAY).valid
    reasons = {c.reason for c in found.corrections}
    assert "character_class" in reasons
    # corrections say where, never what
    assert all(
        set(c.as_dict()) == {"line", "position", "field", "reason"} for c in found.corrections
    )


def test_name_separator_and_filler_lookalikes() -> None:
    noisy = ["P<UTOERIKSSONK<ANNA<MARIA<<<<<<<<K<<<<<<<<<<", TD3[1]]
    found = correct(["\n".join(noisy)], today=TODAY)
    assert found.lines == TD3
    assert "name" in found.uncertain  # a restored separator is a guess the officer confirms


def test_filler_read_as_k_in_optional_data_is_a_filler() -> None:
    noisy = [TD1[0][:20] + "K" + TD1[0][21:], TD1[1], TD1[2]]
    found = correct(["\n".join(noisy)], today=TODAY)
    assert found.lines == TD1


def test_missing_filler_restored_by_length() -> None:
    short = TD3[0].replace("<<<<<<<<<<", "<<<<<<<<", 1)
    assert fix_length(short, 44) == TD3[0]
    found = correct([short + "\n" + TD3[1]], today=TODAY)
    assert found.lines == TD3


def test_check_digit_failure_is_never_valid() -> None:
    # a digit changed beyond what the look-alike tables explain: the checks cannot pass
    bad = [TD3[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<19"]
    found = correct(["\n".join(bad)], today=TODAY)
    if found.lines and parse(found.lines, today=TODAY).valid:
        assert found.ambiguous or "composite" in found.uncertain or found.corrections
    assert not (found.checks_pass and not found.ambiguous and found.lines[1].endswith("19"))


def test_guessed_digit_is_reported_as_doubt() -> None:
    # 8 read as 6 in the birth date: the check digit can point at it, but it stays a guess
    bad = [TD3[0], "L898902C36UTO7406122F1204159ZE184226B<<<<<10"]
    found = correct(["\n".join(bad)], today=TODAY)
    assert "date_of_birth" in found.uncertain or "date_of_birth" in found.ambiguous


def test_two_reads_vote() -> None:
    first = [TD3[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<18"]
    second = [TD3[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    third = [TD3[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    found = correct(["\n".join(r) for r in (first, second, third)], today=TODAY)
    assert found.lines == TD3 and found.checks_pass


def test_no_mrz_text() -> None:
    found = correct(["hello world", ""], today=TODAY)
    assert found.layout is None and found.lines == ()


def test_filler_inside_document_number_is_rejected() -> None:
    # "L898902C3" misread with a filler inside would be a different, padded number: never
    # chosen, even where the check digit happens to allow it
    noisy = [TD3[0], "L89<902C36UTO7408122F1204159ZE184226B<<<<<10"]
    found = correct(["\n".join(noisy)], today=TODAY)
    number = found.lines[1][:9]
    assert "<" not in number.rstrip("<")


def test_misread_filler_tail_of_name() -> None:
    noisy = ["P<UTOERIKSSON<<ANNA<MARIA<K<K<KLLLLLLLLLLLLL", TD3[1]]
    found = correct(["\n".join(noisy)], today=TODAY)
    assert found.lines == TD3


def test_line_with_a_doubled_character_is_realigned() -> None:
    # M read as "11": one character too many, in the middle of the dates
    noisy = [TD1[0], "7408122" + "11" + "1204159UTO<<<<<<<<<<<6"[:22], TD1[2]]
    assert len(noisy[1]) == 31
    assert fit_line(noisy[1], LAYOUTS[MrzFormat.TD1], 2)[8:] == TD1[1][8:]


def test_printed_sex_x_is_kept() -> None:
    printed = (TD3[0], TD3[1][:20] + "X" + TD3[1][21:])
    found = correct(["\n".join(printed)], today=TODAY)
    assert found.lines == printed and found.checks_pass
    assert parse(found.lines, today=TODAY).fields.sex == "X"


def _guarded(printed: tuple[str, ...], sure: float) -> Corrected:
    lines = [_Line(text, (sure,) * len(text), top) for top, text in enumerate(printed)]
    return guard(correct(["\n".join(printed)], today=TODAY), lines)


def test_a_confidently_read_character_is_never_rewritten_to_pass_a_check() -> None:
    # a document number whose check digit does not hold as printed
    printed = (TD3[0], TD3[1][:3] + "3" + TD3[1][4:])
    alone = correct(["\n".join(printed)], today=TODAY)
    assert alone.checks_pass and alone.lines != printed  # the corrector alone rewrites it
    found = _guarded(printed, sure=0.99)
    assert found.lines == printed  # what is printed, not what would pass
    assert "document_number" in found.uncertain and "document_number" in found.ambiguous
    # read with little confidence, the same character may be corrected
    doubtful = _guarded(printed, sure=0.6)
    assert doubtful.lines == alone.lines


def test_unsure_letters_of_a_name_are_uncertain() -> None:
    lines = [_Line(TD3[0], (0.99,) * 10 + (0.3,) + (0.99,) * 33, 0), _Line(TD3[1], (0.99,) * 44, 1)]
    found = guard(correct(["\n".join(TD3)], today=TODAY), lines)
    assert found.lines == TD3 and found.uncertain == ("name",)


def test_two_characters_changed_for_one_check_digit_leave_the_field_uncertain() -> None:
    # every 7 of the birth date read as T: T is 1 where a digit stands, and only turning several
    # of them into 7 makes the check digit pass; a check digit confirms one change, not several,
    # so the officer confirms the date
    printed = (TD3[0], "L898902C36UTO7707076F1204159ZE184226B<<<<<16")
    assert parse(printed, today=TODAY).valid
    read = (TD3[0], printed[1].replace("UTO770707", "UTOTT0T0T"))
    found = correct(["\n".join(read)], today=TODAY)
    assert found.lines == printed and found.checks_pass
    assert "date_of_birth" in found.uncertain and "date_of_birth" in found.ambiguous


def test_a_letter_the_recogniser_skipped_leaves_the_name_uncertain() -> None:
    # PP-OCR read ANNA as ANA: the monospaced pitch doubles where the N was lost
    printed = TD3[0]
    read = printed.replace("ANNA", "ANA", 1)
    lost_at = printed.index("ANNA") + 1
    starts = [5 * i + (5 if i >= lost_at + 1 else 0) for i in range(len(read))]
    line = _fill_gaps(list(read), [0.99] * len(read), starts)
    assert line.text == printed.replace("ANNA", "AN<A", 1)
    assert line.probs[lost_at + 1] == 0.0
    lines = [_Line(line.text, line.probs, 0), _Line(TD3[1], (0.99,) * 44, 1)]
    found = guard(correct([f"{line.text}\n{TD3[1]}"], today=TODAY), lines)
    assert "name" in found.uncertain  # never a confident, wrong name


def test_a_letter_one_engine_skipped_is_the_other_engines_and_stays_in_doubt() -> None:
    lost_at = TD3[0].index("ANNA") + 1
    skipped = TD3[0][:lost_at] + "<" + TD3[0][lost_at + 1 :]
    probs = tuple(0.0 if i == lost_at else 0.99 for i in range(44))
    lines = [_Line(skipped, probs, 0), _Line(TD3[1], (0.99,) * 44, 1)]
    first = guard(correct([f"{skipped}\n{TD3[1]}"], today=TODAY), lines)
    assert first.unread == ((1, lost_at + 1),)
    # the other engine read the zone too but doubts the name as well: the first reading stands
    other = correct(["\n".join(TD3)], today=TODAY)
    other.uncertain = other.ambiguous = ("name",)
    found = combine(first, other)
    assert found is first and found.lines == TD3
    assert "name" in found.uncertain  # one engine's read alone: the officer confirms


def _placed(text: str, left: float, pitch: float = 10.0) -> _Line:
    """A recognised line whose characters sit ``pitch`` pixels apart from ``left``."""
    right = left + pitch * (len(text) - 1)
    return _Line(text, (0.99,) * len(text), int(left), left, pitch, right)


def test_a_line_that_lost_its_first_letters_is_never_a_confident_name() -> None:
    # OYELARAN read as YELARAN: the box cut off the first letter, and the line came out short.
    # Padding its end would shift the name and call it valid; the line starts a character to
    # the right of the others, so the lost letter is put back as unread, where it was
    lines = [_placed(TD1[0], 100), _placed(TD1[1], 100), _placed(TD1[2][1:], 110)]
    padded = _pad(lines)
    assert padded[2].text == "<" + TD1[2][1:] and padded[2].probs[0] == 0.0
    found = guard(correct(["\n".join(line.text for line in padded)], today=TODAY), padded)
    assert "name" in found.uncertain


def test_a_line_short_inside_is_not_padded_as_if_its_end_were_cut() -> None:
    # KOFI read as KOF with one filler too few: the line still reaches the zone's right end,
    # so its missing character is inside it, not at its end
    short = TD3[0].replace("ANNA", "ANA", 1)
    lines = [_placed(short, 100), _placed(TD3[1], 100)]
    lines[0] = _Line(short, lines[0].probs, 0, 100, 10.0, lines[1].right)
    assert _pad(lines)[0].text == short
    # a line whose faint filler run was cut off stops short of the others: padded at its end
    cut = TD3[0][:-3]
    lines = [_placed(cut, 100), _placed(TD3[1], 100)]
    assert _pad(lines)[0].text == TD3[0]


def test_a_letter_lost_before_the_fillers_that_end_a_name_leaves_it_uncertain() -> None:
    # KOFI read as KOF + an unread filler: the unread character is where the name may go on
    printed = "V<VNMTANAKA<<KOFI<<<<<<<<<<<<<<<<<<<<<<<<<<<"
    read = printed.replace("KOFI", "KOF<", 1)
    probs = tuple(0.0 if i == printed.index("KOFI") + 3 else 0.99 for i in range(44))
    second = "J2248527<3MEX5003235F2603221<<<<<<<<<<<<<<<<"
    lines = [_Line(read, probs, 0), _Line(second, (0.99,) * 44, 1)]
    found = guard(correct([f"{read}\n{second}"], today=TODAY), lines)
    assert "name" in found.uncertain


def test_a_visas_optional_data_read_unsure_is_uncertain_but_a_passports_is_checked() -> None:
    # a visa's optional data has no check digit: B read as 8 passes every check, so an unsure
    # character there is the officer's to confirm
    visa = (
        "VNUSATRAVELER<<HAPPY<<<<<<<<<<<<<<<<<<<<<<<<",
        "1234567897CAN6612120M1407282B3XLC000FD142955",
    )
    unsure = tuple(0.3 if i == 28 else 0.99 for i in range(44))
    lines = [_Line(visa[0], (0.99,) * 44, 0), _Line(visa[1], unsure, 1)]
    found = guard(correct(["\n".join(visa)], today=TODAY), lines)
    assert found.uncertain == ("optional_data",)
    # a passport's optional data has its own check digit: the same doubt is the check's
    lines = [_Line(TD3[0], (0.99,) * 44, 0), _Line(TD3[1], unsure, 1)]
    assert guard(correct(["\n".join(TD3)], today=TODAY), lines).uncertain == ()


def test_two_engines_reading_a_number_two_ways_that_both_pass_leave_it_in_doubt() -> None:
    # S and 8 count the same modulo 10: ES8160106 and E88160106 both pass the number's check
    # digit and the composite. One engine read each; no check digit can say which is printed,
    # so the number is never called read, whichever reading is kept
    printed = (
        "IDMEXES816010682937008<<<<<<<<",
        "8903026F3010091FRA<<<<<<<<<<<3",
        "BAKER<<JOHN<<<<<<<<<<<<<<<<<<<",
    )
    misread = (printed[0].replace("ES8", "E88"), *printed[1:])
    assert parse(list(misread)).valid  # the check digits cannot see it
    for first, second in ((printed, misread), (misread, printed)):
        found = combine(correct(["\n".join(first)], today=TODAY), correct(["\n".join(second)]))
        assert found.checks_pass
        assert "document_number" in found.uncertain
        assert "document_number" in found.ambiguous
    # the same number read alike by both: nothing in doubt
    alike = combine(correct(["\n".join(printed)], today=TODAY), correct(["\n".join(printed)]))
    assert alike.uncertain == ()


def test_a_name_the_other_engine_read_otherwise_is_in_doubt_even_where_it_was_unsure() -> None:
    # tesseract read a stray mark before HADDAD as K (every check passes: no check digit
    # covers a name); PP-OCR read HADDAD but was unsure of a later letter. The engines
    # disagree about what is printed: the officer looks
    printed = (
        "IDFRAL8989049<8641494<<<<<<<<<",
        "7112063F3101148AFG<<<<<<<<<<<6",
        "HADDAD<<MEI<LIN<<<<<<<<<<<<<<<",
    )
    stray = (*printed[:2], "KHADDAD<<MEI<LIN<<<<<<<<<<<<<<")
    tesseract = correct(["\n".join(stray)], today=TODAY)
    lost = printed[2].replace("LIN", "L<N")
    ppocr = correct(["\n".join((*printed[:2], lost))], today=TODAY)
    ppocr.uncertain = ppocr.ambiguous = ("name",)
    ppocr.unread = ((3, lost.index("L<N") + 2),)
    found = combine(ppocr, tesseract)
    assert found.lines == stray  # the better-checked reading is kept ...
    assert "name" in found.uncertain  # ... and its name is for the officer to confirm
    # where PP-OCR only lost the I that tesseract read, the two do not disagree
    alike = combine(ppocr, correct(["\n".join(printed)], today=TODAY))
    assert alike.lines == printed and "name" not in alike.uncertain


def test_letters_after_three_fillers_are_no_part_of_a_name() -> None:
    from laissez.documents.ocr.reader import _reading

    printed = (
        "IDDEUPW276932<65795915<<<<<<<<",
        "8911285F2601191SYR<<<<<<<<<<<5",
        "MOHAMMED<ALI<<LUIS<<<<<<<<<<<<",
    )
    assert _reading(correct(["\n".join(printed)], today=TODAY), TODAY, 0.0, 1).valid
    marked = (*printed[:2], "MOHAMMED<ALI<<LUIS<<<I<<<<<<<<")  # a mark in the filler run
    reading = _reading(correct(["\n".join(marked)], today=TODAY), TODAY, 0.0, 1)
    assert not reading.valid and "name" in reading.uncertain


def test_optional_data_the_engines_read_two_ways_under_one_composite_is_in_doubt() -> None:
    # 14 and <3 in a card's optional data: each one less, at weights 7 and 3, so the
    # composite passes either way; one engine read each
    printed = ("I<SYRMARTIN<<KOFI<<<<<<<<<<<<<<<<<<<", "SB403101<6NGA7501159M280220814110667")
    misread = (printed[0], printed[1].replace("814110667", "8<3110667"))
    assert parse(list(misread)).valid
    for ppocr, tesseract in ((printed, misread), (misread, printed)):
        found = combine(correct(["\n".join(ppocr)], today=TODAY), correct(["\n".join(tesseract)]))
        assert "optional_data" in found.uncertain


def test_letters_pp_ocr_read_out_of_place_are_no_evidence_against_tesseract() -> None:
    # PP-OCR lost two characters of a number and read the rest of the line shifted (UTO came
    # out as LTU); its check digits fail, so its letters there say nothing: tesseract read the
    # specimen whole and it stands (the camera closes on it)
    shifted = (TD3[0], "L8902C36U<LTU7408122F1204159ZE184226B<<<<<10")
    ppocr = correct(["\n".join(shifted)], today=TODAY)
    assert not ppocr.checks_pass
    ppocr.uncertain = (*ppocr.uncertain, "nationality")
    found = combine(ppocr, correct(["\n".join(TD3)], today=TODAY))
    assert found.lines == TD3 and found.uncertain == ()
