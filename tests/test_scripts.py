"""Witnesses in every script: words kept whole, sentences ended by each script's own marks,
classes right, right-to-left readings isolated. Each case is a short public-domain passage in
two versions; the source of each is cited beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from collate import collate, witness_from_text
from collate.apparatus import entries
from collate.cli import app
from collate.engine import alignment_rows
from collate.render import ApparatusFormat, render_document
from collate.render.apparatus_text import render_apparatus_text
from collate.rules import normalizer
from collate.tokenize import TokenMode, tokenize

# Bhagavad Gita 1.1 (public domain). B has the two readings of the issue that filed this:
# समवेताः for समवेता (a visarga added) and किमकुर्वन्त for किमकुर्वत.
GITA = (
    "धर्मक्षेत्रे कुरुक्षेत्रे समवेता युयुत्सवः।\nमामकाः पाण्डवाश्चैव किमकुर्वत सञ्जय॥\n",
    "धर्मक्षेत्रे कुरुक्षेत्रे समवेताः युयुत्सवः।\nमामकाः पाण्डवाश्चैव किमकुर्वन्त सञ्जय॥\n",
)
# Qur'an 1:1-4 (al-Fatiha), fully pointed, verses ended by U+06DD. A reads مَالِكِ (Hafs),
# B مَلِكِ (Warsh): a real variant of the readings (qira'at).
FATIHA = (
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ ۝ الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ ۝ الرَّحْمَٰنِ الرَّحِيمِ ۝ مَالِكِ يَوْمِ الدِّينِ\n",
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ ۝ الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ ۝ الرَّحْمَٰنِ الرَّحِيمِ ۝ مَلِكِ يَوْمِ الدِّينِ\n",
)
# Genesis 1:1-2, pointed as in the Westminster Leningrad Codex (accents left out), against the
# same verses unpointed; verses end with sof pasuq (׃), words are joined by maqaf (־).
GENESIS = (
    "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ׃ וְהָאָרֶץ הָיְתָה תֹהוּ וָבֹהוּ "
    "וְחֹשֶׁךְ עַל־פְּנֵי תְהוֹם וְרוּחַ אֱלֹהִים מְרַחֶפֶת עַל־פְּנֵי הַמָּיִם׃\n",
    "בראשית ברא אלהים את השמים ואת הארץ׃ והארץ היתה תהו ובהו "
    "וחשך על־פני תהום ורוח אלהים מרחפת על־פני המים׃\n",
)
# Analects 1.1; B reads 友朋 for 有朋, the variant Lu Deming's Jingdian shiwen records.
ANALECTS = (
    "學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？\n",
    "學而時習之，不亦說乎？友朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？\n",
)
# John 1:38 as the SBLGNT prints it, and with the Robinson-Pierpont reading ἑρμηνευόμενον
# (the SBLGNT's apparatus, ../shared/corpora/sblgnt/usfm/04JHNSBL.sfm).
JOHN = (
    "στραφεὶς δὲ ὁ Ἰησοῦς καὶ θεασάμενος αὐτοὺς ἀκολουθοῦντας λέγει αὐτοῖς· Τί ζητεῖτε; οἱ δὲ "
    "εἶπαν αὐτῷ· Ῥαββί ( ὃ λέγεται μεθερμηνευόμενον Διδάσκαλε ), ποῦ μένεις;\n",
    "στραφεὶς δὲ ὁ Ἰησοῦς καὶ θεασάμενος αὐτοὺς ἀκολουθοῦντας λέγει αὐτοῖς· Τί ζητεῖτε; οἱ δὲ "
    "εἶπαν αὐτῷ· Ῥαββί ( ὃ λέγεται ἑρμηνευόμενον Διδάσκαλε ), ποῦ μένεις;\n",
)
# Genesis 1:1-2 in Classical Armenian (Zohrab's Bible, 1805); B spells Աստված as the reformed
# orthography does, and reads ջրոց for ջուրց.
ARMENIAN = (
    "Ի սկզբանէ արար Աստուած զերկինս եւ զերկիր։ Եւ երկիր էր աներեւոյթ եւ անպատրաստ, եւ "
    "խաւար ի վերայ անդնդոց, եւ հոգի Աստուծոյ շրջէր ի վերայ ջուրց։\n",
    "Ի սկզբանէ արար Աստված զերկինս եւ զերկիր։ Եւ երկիր էր աներեւոյթ եւ անպատրաստ, եւ "
    "խաւար ի վերայ անդնդոց, եւ հոգի Աստուծոյ շրջէր ի վերայ ջրոց։\n",
)


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def _apparatus(texts: tuple[str, str], *sets: str) -> list[tuple[str, str, str, str]]:
    """(reference, lemma, reading, class) of each entry."""
    witnesses = [witness_from_text(texts[0], "A"), witness_from_text(texts[1], "B")]
    collation = collate(witnesses, rules=normalizer(sets) if sets else None)
    return [
        (e.reference, e.lemma, e.notes[0].text, e.unit.variant_class.value)
        for e in entries(collation, alignment_rows(collation))
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(
            GITA[0],
            "धर्मक्षेत्रे कुरुक्षेत्रे समवेता युयुत्सवः । मामकाः पाण्डवाश्चैव किमकुर्वत सञ्जय ॥",
            id="devanagari",
        ),
        pytest.param(
            FATIHA[0],
            "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ ۝ الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ ۝ الرَّحْمَٰنِ الرَّحِيمِ ۝ مَالِكِ يَوْمِ الدِّينِ",
            id="arabic",
        ),
        pytest.param(
            GENESIS[0],
            "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ ׃ וְהָאָרֶץ הָיְתָה תֹהוּ "
            "וָבֹהוּ וְחֹשֶׁךְ עַל־פְּנֵי תְהוֹם וְרוּחַ אֱלֹהִים מְרַחֶפֶת עַל־פְּנֵי הַמָּיִם ׃",
            id="hebrew-pointed",
        ),
        pytest.param(
            ANALECTS[0][:11], "學 而 時 習 之 ， 不 亦 說 乎 ？", id="chinese-per-character"
        ),
        pytest.param(
            "Ῥαββί ( ὃ λέγεται μεθερμηνευόμενον Διδάσκαλε ), ποῦ μένεις;",
            "Ῥαββί ( ὃ λέγεται μεθερμηνευόμενον Διδάσκαλε ) , ποῦ μένεις ;",
            id="greek",
        ),
        pytest.param(ARMENIAN[0][:42], "Ի սկզբանէ արար Աստուած զերկինս եւ զերկիր ։", id="armenian"),
        pytest.param("กำเนิด", "กำ เ นิ ด", id="thai-per-grapheme-cluster"),
        pytest.param("コーヒーを", "コ ー ヒ ー を", id="katakana-with-long-vowel-mark"),
        pytest.param("ἐπ᾽ αὐτῷ", "ἐπ᾽ αὐτῷ", id="greek-elision-mark"),
    ],
)
def test_every_word_is_whole(text: str, words: str) -> None:
    """Vowel signs, viramas, points, accents and joiners stay in their word; Chinese, Japanese
    and Thai are cut per character."""
    assert _words(text) == words.split(" ")


def test_token_modes_force_characters_or_words() -> None:
    """``char`` cuts every word into its characters; ``word`` keeps a run of Han as one token."""
    assert [t.text for t in tokenize("समवेता 學而", TokenMode.CHAR)] == [
        "स",
        "म",
        "वे",
        "ता",
        "學",
        "而",
    ]
    assert [t.text for t in tokenize("समवेता 學而，", TokenMode.WORD)] == ["समवेता", "學而", "，"]


def test_devanagari_visarga_is_a_substantive_variant_not_punctuation() -> None:
    """समवेता / समवेताः is one whole-word substitution, classed substantive, in the verse's
    first half-line (1.1); the second half-line is its own paragraph (2.1)."""
    assert _apparatus(GITA) == [
        ("1.1", "समवेता", "समवेताः", "substantive"),
        ("2.1", "किमकुर्वत", "किमकुर्वन्त", "substantive"),
    ]


def test_arabic_variant_in_the_fourth_verse() -> None:
    """The end-of-ayah sign ends a sentence: the variant of verse 4 is cited 1.4."""
    assert _apparatus(FATIHA) == [("1.4", "مَالِكِ", "مَلِكِ", "substantive")]


def test_hebrew_points_are_orthographic_when_marks_are_ignored() -> None:
    """Pointed against unpointed: every word a unit of its own, orthographic under the
    ``unicode`` rules (never punctuation), cited by verse (sof pasuq ends a sentence)."""
    found = _apparatus(GENESIS, "unicode")
    assert len(found) == 19
    assert {c for _, _, _, c in found} == {"orthographic"}
    assert found[0] == ("1.1", "בְּרֵאשִׁית", "בראשית", "orthographic")
    assert found[7] == ("1.2", "וְהָאָרֶץ", "והארץ", "orthographic")
    assert ("1.2", "עַל־פְּנֵי", "על־פני", "orthographic") in found
    assert {c for _, _, _, c in _apparatus(GENESIS)} == {"substantive"}


def test_chinese_variant_is_one_character() -> None:
    """One changed character is a one-character unit in the second sentence, not a clause."""
    assert _apparatus(ANALECTS) == [("1.2", "有", "友", "substantive")]


def test_greek_sentences_end_at_ano_teleia_and_question_mark() -> None:
    """``·`` and ``;`` end Greek sentences: the variant stands in the fourth (1.4)."""
    assert _apparatus(JOHN) == [("1.4", "μεθερμηνευόμενον", "ἑρμηνευόμενον", "substantive")]


def test_greek_question_mark_u037e_ends_a_sentence() -> None:
    """The Greek question mark (U+037E) ends a sentence like ``;``."""
    a = "Τί ζητεῖτε\u037e οἱ δὲ εἶπαν.\n"
    b = "Τί ζητεῖτε\u037e οἱ δὲ εἶπον.\n"
    assert _apparatus((a, b)) == [("1.2", "εἶπαν", "εἶπον", "substantive")]


def test_armenian_full_stop_ends_a_sentence() -> None:
    """``։`` ends an Armenian sentence: the second variant is in the second verse (1.2)."""
    assert _apparatus(ARMENIAN) == [
        ("1.1", "Աստուած", "Աստված", "substantive"),
        ("1.2", "ջուրց", "ջրոց", "substantive"),
    ]


def test_printed_apparatus_isolates_right_to_left_readings() -> None:
    """Hebrew lemma and reading stand between FSI and PDI, so the ``]`` and the sigla keep
    their places; a left-to-right apparatus has no isolates."""
    collation = collate([witness_from_text(FATIHA[0], "A"), witness_from_text(FATIHA[1], "B")])
    text = render_apparatus_text(collation)
    assert "1.4 \u2068مَالِكِ\u2069] \u2068مَلِكِ\u2069 B" in text.splitlines()
    latin = collate([witness_from_text("a b c", "A"), witness_from_text("a x c", "B")])
    assert "\u2068" not in render_apparatus_text(latin)


def test_terminal_isolates_right_to_left_readings(tmp_path: Path) -> None:
    """In the terminal's inline view the other witness's Arabic reading is isolated."""
    result = CliRunner().invoke(
        app, ["compare", "--no-color", *_files(FATIHA, tmp_path)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "[B: \u2068مَلِكِ\u2069]" in result.output


def test_page_lets_each_column_take_its_own_direction() -> None:
    """The page's columns and inline text are ``dir="auto"``: Hebrew reads right to left."""
    collation = collate([witness_from_text(GENESIS[0], "A"), witness_from_text(GENESIS[1], "B")])
    page = render_document(collation, ApparatusFormat.HTML)
    assert page.count('" dir="auto">') - 1 == page.count('class="cell"') >= 2
    assert '<div class="inline-text" dir="auto">' in page


def test_tokens_option_on_the_command_line(tmp_path: Path) -> None:
    """``--tokens word`` makes the Chinese clause one token, so the variant is the clause."""
    result = CliRunner().invoke(
        app,
        ["apparatus", *_files(ANALECTS, tmp_path), "--tokens", "word", "--format", "text"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "1.2 有朋自遠方來] 友朋自遠方來 B" in result.output


def _files(texts: tuple[str, str], folder: Path) -> list[str]:
    paths = []
    for siglum, text in zip("AB", texts, strict=True):
        path = folder / f"{siglum}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_batch_manifest_names_the_token_mode(tmp_path: Path) -> None:
    """A set's ``tokens`` key is read; a wrong value names the manifest and the choices."""
    from collate.batch import read_sets
    from collate.errors import ManifestError

    a, b = _files(ANALECTS, tmp_path)
    manifest = tmp_path / "sets.toml"
    manifest.write_text(f'[[set]]\nname = "x"\nwitnesses = ["{a}", "{b}"]\ntokens = "word"\n')
    [job] = read_sets(manifest)
    assert job.reading.tokens is TokenMode.WORD
    assert read_sets(manifest, tokens=TokenMode.CHAR)[0].reading.tokens is TokenMode.CHAR
    manifest.write_text(f'[[set]]\nname = "x"\nwitnesses = ["{a}", "{b}"]\ntokens = "glyph"\n')
    with pytest.raises(ManifestError, match="tokens='glyph' is not one of auto, char, word"):
        read_sets(manifest)
