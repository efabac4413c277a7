"""Documents as their makers lay them out: a Vietnamese official document's header
(issuing body, national motto, number, place and date, type and subject), a report's
cover page, a journal article's first page. The title and date are the document's
own, never the motto, the institution, a DOI or a date it merely mentions."""

from __future__ import annotations

from pathlib import Path

from tangthu.archive.article import load_article
from tangthu.archive.formats.official import cover_title, read_header

#: A decree's header as Word's two-column table gives it, cell by cell.
DECREE = [
    "CHÍNH PHỦ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "Số: 30/2020/NĐ-CP",
    "Hà Nội, ngày 05 tháng 3 năm 2020",
    "NGHỊ ĐỊNH",
    "Về công tác văn thư",
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
    "Chính phủ ban hành Nghị định về công tác văn thư.",
]


def test_a_decrees_header_gives_its_type_subject_date_and_issuer() -> None:
    header = read_header(DECREE)
    assert header is not None
    assert header.title == "NGHỊ ĐỊNH Về công tác văn thư"
    assert (header.date, header.issuer, header.number) == (
        "2020-03-05",
        "CHÍNH PHỦ",
        "Số: 30/2020/NĐ-CP",
    )
    assert header.taken == {1, 2, 3, 6, 7} and header.header == {0, 4, 5}


def test_a_code_a_petition_and_a_form_are_titled_by_their_type_not_the_motto() -> None:
    code = ["QUỐC HỘI", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
            "Luật số: 91/2015/QH13", "BỘ LUẬT DÂN SỰ", "Căn cứ Hiến pháp nước"]  # fmt: skip
    header = read_header(code)
    assert header is not None and (header.title, header.date) == ("BỘ LUẬT DÂN SỰ", None)
    petition = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "........................, ngày .... tháng .... năm .........", "ĐƠN KHỞI KIỆN",
                "(Về việc: Ly hôn)", "Kính gửi: Tòa án nhân dân ..........."]  # fmt: skip
    header = read_header(petition)
    assert header is not None
    assert (header.title, header.date) == ("ĐƠN KHỞI KIỆN (Về việc: Ly hôn)", None)
    assert read_header(["Một bài báo", "CỘNG HÒA là một từ"]) is None
    assert read_header(["Bài viết kể về nước CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]) is None


def test_a_cover_page_is_no_title_its_topic_is() -> None:
    cover = ["HỌC VIỆN CÔNG NGHỆ BƯU CHÍNH VIỄN THÔNG", "KHOA CÔNG NGHỆ THÔNG TIN 1", "",
             "BÁO CÁO THỰC TẬP TỐT NGHIỆP", "Đề tài: Xây dựng hệ thống tìm kiếm văn bản",
             "Sinh viên: Nguyễn Văn A"]  # fmt: skip
    assert cover_title(cover) == (4, "Xây dựng hệ thống tìm kiếm văn bản")
    assert cover_title(cover[:4]) == (3, "BÁO CÁO THỰC TẬP TỐT NGHIỆP")
    assert cover_title(["Lũ lụt ở miền Trung", "HỌC VIỆN …"]) is None


def test_a_word_decree_is_titled_and_dated_by_its_header(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "CHÍNH PHỦ"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 30/2020/NĐ-CP"
    table.cell(1, 1).text = "Hà Nội, ngày 05 tháng 3 năm 2020"
    document.add_paragraph("NGHỊ ĐỊNH")
    document.add_paragraph("Về công tác văn thư")
    document.add_paragraph("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
    document.add_paragraph("Điều 1. Phạm vi điều chỉnh", style="Heading 1")
    document.add_paragraph("Nghị định này quy định về công tác văn thư, có hiệu lực từ 2020.")
    document.core_properties.title = "Microsoft Word - ND30.docx"
    document.save(str(tmp_path / "nd30.docx"))
    got = load_article(tmp_path, tmp_path / "nd30.docx")
    assert got.title == "NGHỊ ĐỊNH Về công tác văn thư"
    assert (got.date, got.date_source, got.author) == ("2020-03-05", "dateline", "CHÍNH PHỦ")
    assert got.lead.startswith("Căn cứ Luật")
    texts = [b.text for b in got.blocks if b.type == "text"]
    assert "Điều 1. Phạm vi điều chỉnh" in texts  # a heading of the body, not its title
    assert not any("CỘNG HÒA" in t for t in [got.lead, *texts])


def test_a_blank_form_is_undated_whatever_dates_it_mentions(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "(Ban hành kèm theo Thông tư số 04/2020/TT-BTP ngày 28/12/2020 của Bộ Tư pháp)",
        "Kính gửi: Ủy ban nhân dân ......................................",
        "Người yêu cầu đăng ký khai sinh khai và đề nghị đăng ký khai sinh cho người sau đây:",
        ".............., ngày ...... tháng ...... năm ......",
    ]:  # fmt: skip
        document.add_paragraph(line)
    document.save(str(tmp_path / "to-khai.docx"))
    got = load_article(tmp_path, tmp_path / "to-khai.docx")
    assert got.title == "TỜ KHAI ĐĂNG KÝ KHAI SINH"
    assert (got.date, got.date_source) == (None, None)


def test_a_journal_articles_title_is_its_largest_line_not_its_doi(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    page = canvas.Canvas(str(tmp_path / "bai.pdf"), pagesize=A4)
    page.setTitle("Microsoft Word - bai-bao-final.docx")
    y = 800
    for size, text in [
        (8.5, "CTU Journal of Innovation and Sustainable Development    Vol. 16 (2024): 52-57"),
        (10, "DOI:10.22144/ctujoisd.2024.322"),
        (12, "Fine-tuned PhoBERT for sentiment analysis of Vietnamese phone reviews"),
        (11, "Ngo Minh Tan, Ngo Ba Hung, and Stuchilin Vladimir Valerievich"),
        *[(10, "This paper presents an exploration of sentiment analysis applied to it.")] * 12,
    ]:
        page.setFont(font, size)
        page.drawString(60, y, text)
        y -= size * 1.6
    page.save()
    got = load_article(tmp_path, tmp_path / "bai.pdf")
    assert got.title == "Fine-tuned PhoBERT for sentiment analysis of Vietnamese phone reviews"
    assert "DOI:10.22144" in got.body_text  # kept, below the title


def test_a_journal_article_is_dated_by_its_volume_line_to_the_year(tmp_path: Path) -> None:
    """The issue's year, printed at the top of each page, is the article's date; the
    days it was received and accepted are not its publication's."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(tmp_path / "bai.pdf"), pagesize=A4)
    for number in (1, 2):
        page.setFont("Helvetica", 8.5)
        page.drawString(
            60, 800, "CTU Journal of Innovation    Vol. 16, Special Issue (2024): 52-57"
        )
        y = 770
        lines = [(14, "Fine-tuned PhoBERT for sentiment analysis")] if number == 1 else []
        lines += [(10, "Received 15 Jun 2024. Accepted 3 Oct 2024.")] if number == 1 else []
        for size, text in [
            *lines,
            *[(10, f"Sentiment analysis is studied on page {number}.")] * 10,
        ]:
            page.setFont("Helvetica", size)
            page.drawString(60, y, text)
            y -= size * 1.6
        page.showPage()
    page.save()
    got = load_article(tmp_path, tmp_path / "bai.pdf")
    assert got.title == "Fine-tuned PhoBERT for sentiment analysis"
    assert (got.date, got.date_source) == ("2024", "dateline")
