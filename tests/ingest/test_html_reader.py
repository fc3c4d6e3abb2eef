"""Saved web pages: trafilatura main text, metadata, headings from markup, boilerplate gone."""

from __future__ import annotations

import gzip

from wireledger.evaluation.html import bag_of_words_f1


def test_article_page_text_and_metadata(ingest, ingest_dir, check_offsets):
    (doc,), problems = ingest([ingest_dir / "article.html"])
    assert problems == []
    assert doc.source_format == "html"
    assert doc.title == "Armed robbers hit cash van on ring road"
    assert doc.url == "https://valley-courier.example/news/cash-van-robbery"
    assert doc.outlet == "Valley Courier" and doc.author == "Priya Natarajan"
    assert doc.published == "2026-04-02"
    assert [s.heading for s in doc.sections] == ["Guards unharmed", "Appeal for witnesses"]
    for boilerplate in ("newsletter", "Most read", "bakery", "Where were the police", "Privacy policy",
                        "analytics", "font-family", "All rights reserved"):
        assert boilerplate not in doc.text
    assert "Detective Inspector Laura Fenwick appealed" in doc.text
    s, e = doc.title_span  # the page's headline stands at the top of the text
    assert doc.text[s:e] == doc.title
    check_offsets(doc)


def test_blog_page_with_time_element(ingest, ingest_dir, check_offsets):
    (doc,), problems = ingest([ingest_dir / "blog.htm"])
    assert problems == []
    assert doc.title == "Border guards find weapons cache in abandoned farmhouse"
    assert doc.published == "2026-01-20"
    assert "twelve assault rifles" in doc.text
    assert "personal blog" not in doc.text and "Archive" not in doc.text
    assert len(doc.paragraphs) == 4
    check_offsets(doc)


def test_gzipped_page_reads_like_the_page(ingest, ingest_dir, tmp_path):
    page = tmp_path / "saved.html.gz"
    page.write_bytes(gzip.compress((ingest_dir / "article.html").read_bytes()))
    (plain,), _ = ingest([ingest_dir / "article.html"])
    (packed,), problems = ingest([page])
    assert problems == [] and packed.id == plain.id and packed.source_id == str(page)


def test_html_sniffed_from_content_without_extension(ingest, ingest_dir, tmp_path):
    page = tmp_path / "download"
    page.write_bytes((ingest_dir / "article.html").read_bytes())
    (doc,), _ = ingest([page])
    assert doc.source_format == "html" and doc.title == "Armed robbers hit cash van on ring road"


def test_forced_text_format_reads_markup_as_text(ingest, ingest_dir):
    (doc,), _ = ingest([ingest_dir / "article.html"], format="text")
    assert doc.source_format == "text" and "<article>" in doc.text


def test_bag_of_words_f1():
    assert bag_of_words_f1("The cat sat", "the CAT sat") == 1.0
    assert bag_of_words_f1("", "") == 1.0
    assert bag_of_words_f1("a b", "c d") == 0.0
    # multiset: "a a b" vs "a b": overlap 2, precision 2/3, recall 1
    assert abs(bag_of_words_f1("a a b", "a b") - 0.8) < 1e-9
