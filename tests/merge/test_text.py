"""Text vectors with fixed weights: names weigh most, event words little, function words nothing."""

from __future__ import annotations

from wireledger.merge.text import cosine, signature, strip_site_name, term_counts, vectorise


def test_capitalised_words_inside_a_sentence_are_names_but_sentence_starts_are_not() -> None:
    counts, names = term_counts("Police said Marcus Bell was shot on Salem Avenue. Officers arrived.")
    assert {"marcus", "bell", "salem", "avenue"} <= names
    assert "police" not in names and "officers" not in names
    assert "said" not in counts  # a reporting verb carries nothing


def test_title_case_lines_do_not_make_names() -> None:
    _, names = term_counts("Join The Conversation On The Station Facebook Page\nA man met Ann Lee in town.")
    assert "conversation" not in names and "facebook" not in names
    assert {"ann", "lee"} <= names


def test_a_shared_name_outweighs_shared_event_words() -> None:
    base = vectorise([("A man was shot and killed on Salem Avenue, police said.", 1)])
    same_place = vectorise([("Detectives searched Salem Avenue for the car.", 1)])
    same_words = vectorise([("A woman was shot and killed, police said.", 1)])
    assert cosine(base, same_place) > cosine(base, same_words)


def test_vectors_have_unit_length_and_cosine_is_symmetric() -> None:
    a = vectorise([("Two teenagers were wounded on Smithville Road in Dayton.", 1)])
    b = vectorise([("Teens hurt on Smithville Road expected to recover.", 2)])
    assert abs(sum(w * w for w in a.values()) - 1.0) < 1e-3
    assert cosine(a, b) == cosine(b, a)
    assert abs(cosine(a, a) - 1.0) < 1e-3
    assert cosine(a, {}) == 0.0


def test_signature_prefers_specific_terms_to_event_words() -> None:
    v = vectorise([("Gunman kills Marcus Bell outside Salem Avenue gas station; shooting shooting", 1)])
    sig = signature(v, 3)
    assert "shooting" not in sig
    assert set(sig) <= {"marcus", "bell", "salem", "avenue", "gas", "station", "gunman"}


def test_site_names_are_cut_from_page_titles() -> None:
    title = "Four teens shot - WALB.com, South Georgia News, Weather, Sports"
    assert strip_site_name(title) == "Four teens shot"
    assert strip_site_name("Teen in critical condition after shooting :: WRAL.com") == \
        "Teen in critical condition after shooting"
    assert strip_site_name("Man killed in crash - police investigate the cause of it") == \
        "Man killed in crash - police investigate the cause of it"
