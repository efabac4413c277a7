"""How the page reader finds a story, its pictures and their captions in the layouts
real papers use: a live blog told in many boxes, a slideshow, a story set in a column,
the lead picture in the article's header, paragraphs written as divs, pictures that
scripts load late (``noscript``, AMP, placeholders, a zoom button), a caption nothing
marks, other articles' cards and what only a screen reader is given, a blog's post of
lines and breaks, a table of data, a quoted tweet."""

from __future__ import annotations

from pathlib import Path

from tangthu.archive.article import Article, load_article
from tests.conftest import write_article

PROSE = (
    "Nước lũ trên các sông ở miền Trung lên nhanh trong đêm, nhiều hộ dân ở vùng trũng "
    "phải di dời, chính quyền địa phương huy động lực lượng hỗ trợ người dân."
)


def _read(tmp_path: Path, body: str, head: str = "<title>Lũ miền Trung</title>") -> Article:
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    )
    write_article(tmp_path, page, "bai.html")
    return load_article(tmp_path, tmp_path / "bai.html")


def _between(tmp_path: Path, middle: str) -> Article:
    """A page whose story is two paragraphs with *middle* between them."""
    return _read(
        tmp_path, f"<h1>Lũ</h1><article>{_paras('Một.')}{middle}{_paras('Hai.')}</article>"
    )


def _pictures(got: Article) -> list[tuple[str | None, str | None]]:
    """Each photo's address and caption."""
    return [(p.address, p.caption) for p in got.photos]


def _ends(got: Article) -> list[str]:
    """The last word of the lead and of each paragraph (each says which it is)."""
    texts = [got.lead, *(b.text for b in got.blocks if b.type == "text")]
    return [t.rsplit(" ", 1)[-1] for t in texts if t]


def _paras(*names: str, tag: str = "p") -> str:
    return "".join(f"<{tag}>{PROSE} {name}</{tag}>" for name in names)


NAV = "<nav><a href='/'>Trang chủ</a> <a href='/tt'>Thời sự</a></nav>"


def test_a_live_blogs_entries_are_all_its_story(tmp_path: Path) -> None:
    entries = "".join(
        f"<div class='update'><time>0{k}:00</time><div class='text-body'>"
        f"{_paras(f'A{k}.', f'B{k}.')}</div></div>"
        for k in range(1, 7)
    )
    got = _read(
        tmp_path, f"{NAV}<h1>Lũ miền Trung: trực tiếp</h1><article class='live'>{entries}</article>"
    )
    assert _ends(got) == [w for k in range(1, 7) for w in (f"A{k}.", f"B{k}.")]


def test_a_slideshows_slides_are_all_its_story(tmp_path: Path) -> None:
    slides = "".join(
        f"<div class='slide'><h2>Cảnh {k}</h2><p>{PROSE} S{k}.</p></div>" for k in range(1, 21)
    )
    got = _read(tmp_path, f"{NAV}<h1>Hai mươi cảnh lũ</h1><div class='post-content'>{slides}</div>")
    assert [w for w in _ends(got) if w.startswith("S")] == [f"S{k}." for k in range(1, 21)]
    assert got.problems == ()  # found where the page says, not guessed


def test_a_story_set_in_a_column_is_read(tmp_path: Path) -> None:
    """A layout that sets its article inside an ``aside`` (a columnist's column): the
    aside is the story's place, not furniture; a short aside beside it still is."""
    got = _read(
        tmp_path,
        f"{NAV}<aside class='ad'><p>Quảng cáo</p></aside><aside class='column'><article>"
        f"<h1>Góc nhìn</h1>{_paras('Một.', 'Hai.', 'Ba.')}</article></aside>",
    )
    assert _ends(got) == ["Một.", "Hai.", "Ba."]
    assert "Quảng cáo" not in " ".join(b.text for b in got.blocks)


def test_the_lead_picture_in_the_articles_header_is_its_first_photo(tmp_path: Path) -> None:
    for layout in ("header", "above"):
        figure = (
            "<figure><img src='http://anh.example.vn/lu-dau.jpg' width='800'>"
            "<figcaption>Nước ngập phố cổ Hội An.</figcaption></figure>"
        )
        top = (
            f"<header><h1>Lũ miền Trung</h1>{figure}</header>"
            if layout == "header"
            else f"<h1>Lũ miền Trung</h1>{figure}"
        )
        got = _read(
            tmp_path,
            f"{NAV}<article>{top}<div class='story-body'>{_paras('Một.', 'Hai.', 'Ba.')}</div>"
            "</article>",
        )
        assert _pictures(got) == [
            ("http://anh.example.vn/lu-dau.jpg", "Nước ngập phố cổ Hội An.")
        ], layout
        assert got.blocks[0].type == "photos", layout
        assert _ends(got) == ["Một.", "Hai.", "Ba."], layout


def test_paragraphs_written_as_divs_outweigh_a_column_of_paragraphs(tmp_path: Path) -> None:
    ranking = "<div class='xep-hang'>" + _paras("R1.", "R2.", "R3.") + "</div>"
    story = "<div class='honbun'>" + _paras(*(f"D{k}." for k in range(1, 8)), tag="div") + "</div>"
    got = _read(tmp_path, f"<h1>Lũ miền Trung</h1>{story}{ranking}")
    assert _ends(got) == [f"D{k}." for k in range(1, 8)]


def test_pictures_scripts_load_late_are_read_from_what_the_page_holds(tmp_path: Path) -> None:
    figures = (
        # only in noscript: a script would put it in place
        "<figure><noscript><img src='http://anh.example.vn/a.jpg'></noscript>"
        "<figcaption>Ảnh một.</figcaption></figure>"
        # a placeholder shown until the real address is loaded
        "<figure><img src='/static/img/placeholder.png' data-src='http://anh.example.vn/b.jpg'>"
        "<figcaption>Ảnh hai.</figcaption></figure>"
        # an AMP page's picture
        "<figure><amp-img src='http://anh.example.vn/c.jpg' width='800' height='600'></amp-img>"
        "<figcaption>Ảnh ba.</figcaption></figure>"
        # a picture one clicks to enlarge
        "<figure><button class='zoom'><img src='http://anh.example.vn/d.jpg'></button>"
        "<figcaption>Ảnh bốn.</figcaption></figure>"
        # a picture a template marks for sharing
        "<figure><img class='img-share' src='http://anh.example.vn/e.jpg'>"
        "<figcaption>Ảnh năm.</figcaption></figure>"
    )
    got = _between(tmp_path, figures)
    assert _pictures(got) == [
        (f"http://anh.example.vn/{c}.jpg", f"Ảnh {n}.")
        for c, n in zip("abcde", ("một", "hai", "ba", "bốn", "năm"), strict=True)
    ]
    assert _ends(got) == ["Một.", "Hai."]


def test_a_picture_with_words_under_it_in_a_small_box_is_captioned(tmp_path: Path) -> None:
    box = (
        "<div class='absatzbild'><div class='bild'><img src='http://anh.example.vn/f.jpg'>"
        "</div><div class='text'>Đê bao ở Quảng Nam bị vỡ. Ảnh: TTXVN</div></div>"
    )
    got = _between(tmp_path, box)
    assert _pictures(got) == [
        ("http://anh.example.vn/f.jpg", "Đê bao ở Quảng Nam bị vỡ. Ảnh: TTXVN")
    ]
    assert _ends(got) == ["Một.", "Hai."]
    # a picture above two short paragraphs in their own box: paragraphs, not its caption
    box = (
        "<div><img src='http://anh.example.vn/f.jpg'><p>Nước đã rút. Ba.</p>"
        "<p>Dân trở về. Bốn.</p></div>"
    )
    got = _read(tmp_path, f"<h1>Lũ</h1><article>{_paras('Một.', 'Hai.')}{box}</article>")
    assert [p.caption for p in got.photos] == [None]
    assert _ends(got) == ["Một.", "Hai.", "Ba.", "Bốn."]


def test_other_articles_cards_inside_the_story_are_left_out(tmp_path: Path) -> None:
    card = (
        "<a href='/thoi-su/bai-khac-123.html'><img src='http://anh.example.vn/g.jpg'>"
        "<span>Bài khác: mưa lớn còn kéo dài đến cuối tuần</span></a>"
    )
    got = _between(tmp_path, card)
    assert got.photos == ()
    assert _ends(got) == ["Một.", "Hai."]
    assert "Bài khác" not in " ".join(b.text for b in got.blocks)


def test_what_only_a_screen_reader_is_given_is_left_out_but_not_a_picture(
    tmp_path: Path,
) -> None:
    figure = (
        "<figure class='photo hide-credit'><img src='http://anh.example.vn/h.jpg'>"
        "<figcaption>Người dân chạy lũ.</figcaption></figure>"
    )
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><article><span class='visually-hidden'>Bỏ qua quảng cáo</span>"
        f"{_paras('Một.')}{figure}<div class='sr-only'>Đọc tiếp bên dưới</div>{_paras('Hai.')}"
        "<div class='more-stories'><p><a href='/x'>Tin khác một</a></p></div></article>",
    )
    assert [p.caption for p in got.photos] == ["Người dân chạy lũ."]
    shown = " ".join([got.lead, *(b.text for b in got.blocks)])
    assert "Bỏ qua" not in shown and "Đọc tiếp" not in shown and "Tin khác" not in shown


def test_a_caption_marked_as_a_lead_is_no_lead(tmp_path: Path) -> None:
    figure = (
        "<figure><img src='http://anh.example.vn/i.jpg'><figcaption class='media-caption__lead'>"
        "Người dân phường Cẩm Nam đưa đồ đạc lên gác trong đêm lũ.</figcaption></figure>"
    )
    got = _read(tmp_path, f"<h1>Lũ</h1><article>{figure}{_paras('Một.', 'Hai.')}</article>")
    assert "Cẩm Nam" not in got.lead
    assert _ends(got) == ["Một.", "Hai."]
    assert [p.caption for p in got.photos] == [
        "Người dân phường Cẩm Nam đưa đồ đạc lên gác trong đêm lũ."
    ]


def test_a_pictures_box_marked_as_a_widget_or_lightbox_keeps_its_picture(tmp_path: Path) -> None:
    widget = (
        "<div class='image-widget'><span><picture><img src='http://anh.example.vn/j.jpg'>"
        "</picture></span><p><span>Đường ngập sâu</span></p><p>Image: TTXVN</p></div>"
    )
    lightbox = (
        "<div class='ui-modal'><div class='doc_media'><figure><div class='photo'><picture>"
        "<source srcset='data:image/webp;base64,AAAA' data-lazyimage-srcset='x.webp 100w'>"
        "<img src='data:image/gif;base64,R0lGOD' data-lazyimage-src='http://anh.example.vn/k.jpg'>"
        "</picture></div><figcaption class='caption ui-modal__hide'>Cầu bị cuốn trôi</figcaption>"
        "</figure></div></div>"
    )
    advert = "<div class='ads-widget'><img src='http://qc.example.vn/l.jpg'><p>Mua ngay</p></div>"
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><article>{_paras('Một.')}{widget}{_paras('Hai.')}{lightbox}{advert}"
        f"{_paras('Ba.')}</article>",
    )
    assert _pictures(got) == [
        ("http://anh.example.vn/j.jpg", "Đường ngập sâu"),
        ("http://anh.example.vn/k.jpg", "Cầu bị cuốn trôi"),
    ]
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_words_in_their_own_box_under_a_pictures_box_are_its_caption(tmp_path: Path) -> None:
    figure = (
        "<div class='f3e0'><picture><img src='http://anh.example.vn/m.jpg' width='848'>"
        "</picture></div><div class='f46b'><span>Hiện trường vụ sạt lở</span></div>"
    )
    # a paragraph under a picture is the story's, never its caption
    loose = f"<div><img src='http://anh.example.vn/n.jpg'></div><p>{PROSE} Ba.</p>"
    got = _read(
        tmp_path, f"<h1>Lũ</h1><article>{_paras('Một.')}{figure}{_paras('Hai.')}{loose}</article>"
    )
    assert _pictures(got) == [
        ("http://anh.example.vn/m.jpg", "Hiện trường vụ sạt lở"),
        ("http://anh.example.vn/n.jpg", None),
    ]
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_a_picture_set_aside_after_an_unclosed_paragraph_is_the_storys(tmp_path: Path) -> None:
    aside = (
        "<aside class='left image wide'><a href='http://anh.example.vn/o.jpg'>"
        "<img src='http://anh.example.vn/o.jpg'></a><p class='caption'>Công nhân đắp đê. "
        "<span class='credits'>(Ảnh: Lê Lâm)</span></p></aside>"
    )
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><section class='article-body'><p>{PROSE} Một.<p>{PROSE} Hai. {aside}"
        f"<p>{PROSE} Ba.</section><aside class='sidebar'><p>Đọc nhiều nhất</p></aside>",
    )
    assert _pictures(got) == [("http://anh.example.vn/o.jpg", "Công nhân đắp đê. (Ảnh: Lê Lâm)")]
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_the_lead_picture_between_the_headline_and_a_story_in_another_column(
    tmp_path: Path,
) -> None:
    got = _read(
        tmp_path,
        "<div class='container'><div class='hdr'><figure><img src='http://anh.example.vn/logo-"
        "x.jpg'><figcaption>Ảnh trên đầu trang</figcaption></figure><h1>Lũ miền Trung</h1>"
        "<div class='cover'><figure><img src='http://anh.example.vn/p.jpg'><figcaption>Ảnh đầu"
        "</figcaption></figure></div></div><div class='body'><div class='row'><div class='col'>"
        f"<div class='row'><div class='col-8'>{_paras('Một.', 'Hai.', 'Ba.')}</div></div></div>"
        "</div></div></div>",
    )
    assert _pictures(got) == [("http://anh.example.vn/p.jpg", "Ảnh đầu")]
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_a_link_holding_a_headline_is_another_articles_card(tmp_path: Path) -> None:
    card = (
        "<div class='teaser'><a href='/thoi-su/bai-khac.html'><p><span>Phân tích</span></p>"
        "<h3>Vì sao lũ về nhanh: những điều cần biết về xả lũ</h3></a></div>"
    )
    got = _between(tmp_path, card)
    assert _ends(got) == ["Một.", "Hai."]


def test_the_date_a_page_labels_is_its_date_not_a_listed_storys(tmp_path: Path) -> None:
    listed = "".join(
        f"<a href='/b{k}.html'><h2>Tin cũ số {k} về mưa lũ miền Trung <span class='date'>"
        f"2{k}.04.2023</span></h2></a>"
        for k in range(4, 7)
    )
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><div class='list'>{listed}</div><article>{_paras('Một.', 'Hai.')}</article>"
        "<ul class='info'><li><strong>Datum</strong> 28.04.2023</li></ul>",
    )
    assert got.date == "2023-04-28"
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><span class='tarih'>05.04.2025 - Güncelleme : 05.04.2025</span>"
        f"<article>{_paras('Một.', 'Hai.')}</article>",
    )
    assert got.date == "2025-04-05"


def test_the_headline_the_page_shows_beats_a_title_written_for_search_engines(
    tmp_path: Path,
) -> None:
    seo = "Lũ miền Trung: hàng nghìn hộ dân di dời, trường học đóng cửa"
    head = (
        f"<title>{seo}</title><meta property='og:title' content='{seo}'>"
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", '
        '"headline": "Chỉ một phần ba học sinh đến trường"}</script>'
    )
    body = (
        f"<h1>Chỉ một phần ba học sinh đến trường</h1><article>{_paras('Một.', 'Hai.')}</article>"
    )
    assert _read(tmp_path, body, head).title == "Chỉ một phần ba học sinh đến trường"


def test_a_headline_marked_ttl_and_a_title_less_the_sites_name(tmp_path: Path) -> None:
    head = (
        "<title>‘흙수저’ 소년공이 쏘아올린 정치 신화 - 매일경제</title>"
        "<meta property='og:title' content='‘흙수저’ 소년공이 쏘아올린 정치 신화 - 매일경제'>"
    )
    body = (
        "<h1 class='logo'><svg></svg></h1><h2 class='news_ttl'>‘흙수저’ 소년공이 쏘아올린 정치 "
        f"신화</h2><article>{_paras('Một.', 'Hai.')}</article>"
    )
    assert _read(tmp_path, body, head).title == "‘흙수저’ 소년공이 쏘아올린 정치 신화"
    head = (
        "<meta property='og:title' content='Báo Mẫu | Lũ miền Trung lên nhanh'>"
        "<meta property='og:site_name' content='Báo Mẫu'>"
    )
    body = f"<article>{_paras('Một.', 'Hai.')}</article>"
    assert _read(tmp_path, body, head).title == "Lũ miền Trung lên nhanh"


def test_a_date_line_a_script_writes_is_read(tmp_path: Path) -> None:
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><p id='pDateTime'></p><article>{_paras('Một.', 'Hai.')}</article>"
        "<h3><a href='/x.html'>Tin cũ về mưa lũ ở miền Trung năm ngoái</a> "
        "<a class='date'>| 19/12/2012</a></h3>"
        '<script>document.getElementById("pDateTime").innerHTML='
        '"Thứ năm, 20/12/2012, 16:10 GMT+7";</script>',
    )
    assert got.date == "2012-12-20"


def test_words_in_the_cell_beside_a_picture_are_the_story(tmp_path: Path) -> None:
    """A recipe's steps: each a row of a picture and the step's words beside it."""
    rows = "".join(
        f"<table><tr><td><p align='center'><img src='/cms/buoc-{k}.jpg' width='400'></p></td>"
        f"<td>{PROSE} B{k}.</td></tr></table>"
        for k in range(1, 4)
    )
    got = _read(tmp_path, f"<h1>Bánh</h1><div class='noi-dung'>{_paras('Một.')}{rows}</div>")
    assert [p.caption for p in got.photos] == [None, None, None]
    assert _ends(got) == ["Một.", "B1.", "B2.", "B3."]


def test_an_agencys_long_caption_in_a_plain_box_with_its_credit(tmp_path: Path) -> None:
    caption = " ".join(
        ["Thủ tướng (thứ hai từ trái) cùng đại diện các bộ, ngành dự lễ khai mạc."] * 6
    )
    assert 400 < len(caption) <= 600
    box = (
        f"<div class='imgboxa'><div><img src='http://anh.example.vn/q.jpg'></div>"
        f"<h1>{caption}</h1><p>Photo: AFP</p></div>"
    )
    got = _between(tmp_path, box)
    assert _pictures(got) == [("http://anh.example.vn/q.jpg", caption)]
    assert _ends(got) == ["Một.", "Hai."]


def test_a_srcsets_addresses_may_hold_commas(tmp_path: Path) -> None:
    lazy = (
        "<figure><img src='data:image/svg+xml,%3Csvg%3E' data-srcset='https://anh.example.vn/"
        "r?t=crop:0:0,resize:fill:375:234 1x,https://anh.example.vn/r?t=crop:0:0,resize:fill:"
        "750:468 2x'><figcaption>Ảnh sáu.</figcaption></figure>"
    )
    got = _between(tmp_path, lazy)
    assert [p.address for p in got.photos] == [
        "https://anh.example.vn/r?t=crop:0:0,resize:fill:375:234"
    ]


def test_a_plain_picture_box_under_the_headline_is_the_lead_picture(tmp_path: Path) -> None:
    got = _read(
        tmp_path,
        "<div class='container'><div class='row'><div><h1>Lũ miền Trung</h1></div>"
        "<div class='blog--image'><picture><source srcset='http://anh.example.vn/s.webp'>"
        "<img src='http://anh.example.vn/s.jpg'></picture><p class='media--lead'>Nước lên nhanh"
        "</p><p class='image--author'>Foto: Reuters</p></div></div><div class='main--body'>"
        f"<div class='paywall contentBody'>{_paras('Một.', 'Hai.', 'Ba.')}</div></div></div>",
    )
    assert _pictures(got) == [("http://anh.example.vn/s.jpg", "Nước lên nhanh")]
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_the_summary_right_under_the_headline_is_the_lead(tmp_path: Path) -> None:
    summary = (
        "(GD) - Làng Thi cử, một trong những ký túc xá tư nhân là nơi sinh viên đổ xô tới ôn "
        "luyện trước kỳ thi tuyển công chức tại Seoul."
    )
    got = _read(
        tmp_path,
        "<div class='top'><h1 class='baiviet-title'>Đột nhập lò luyện thi</h1>"
        "<div class='publication_date'>Thứ Hai, 24/12/2012</div>"
        f"<div class='baiviet-head-noidung'>{summary}</div></div>"
        f"<div class='text-conent'>{_paras('Một.', 'Hai.')}</div>",
    )
    assert got.lead == summary
    assert _ends(got) == ["Seoul.", "Một.", "Hai."]


def test_a_story_written_as_lines_between_boxes_is_found(tmp_path: Path) -> None:
    lines = "<br/>".join(f"{PROSE} L{k}." for k in range(1, 6))
    poll = "<div id='poll-widget'><div><span>Bình chọn</span></div></div>"
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><div class='rank'>{_paras('R1.', 'R2.')}</div>"
        f"<div class='innerbody'><div class='text'>{lines}{poll}{PROSE} L6.</div></div>",
    )
    assert [w for w in _ends(got) if w.startswith("L")] == [f"L{k}." for k in range(1, 7)]


def test_a_box_saying_the_story_may_have_comments_is_the_story(tmp_path: Path) -> None:
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><div id='article' class='comments-enabled'>{_paras('Một.', 'Hai.')}</div>"
        "<div class='comments'><p>Bạn đọc A: bài viết rất hay, cảm ơn tác giả nhiều.</p></div>",
    )
    assert _ends(got) == ["Một.", "Hai."]


def test_a_page_in_utf8_declared_as_gb2312_and_its_publishdate(tmp_path: Path) -> None:
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=GB2312'>"
        "<meta name='publishdate' content='2024-04-24'><title>促进航天技术更好惠及人民</title>"
        "</head><body><h1>促进航天技术更好惠及人民</h1><div class='rm_txt_con'>"
        + "".join(
            f"<p>新华社北京4月24日电，习近平主席向首届论坛致贺信，第{k}段。</p>" for k in range(4)
        )
        + "</div></body></html>"
    )
    write_article(tmp_path, page.encode("utf-8"), "bai.html")
    got = load_article(tmp_path, tmp_path / "bai.html")
    assert got.title == "促进航天技术更好惠及人民"
    assert got.date == "2024-04-24"
    assert "习近平主席" in got.lead


def test_a_stand_in_pixel_gives_way_to_the_picture_in_noscript(tmp_path: Path) -> None:
    box = (
        "<div class='media'><div class='img'><img class='img' src='https://cdn.example.vn/"
        "index-transparent_h-3_w-4.gif'><noscript><img src='https://cdn.example.vn/t.jpg'>"
        "</noscript></div><div class='mediaInfo'><span class='mediaSubtitle'>Lò mổ ở Hà Nam"
        "</span></div></div>"
    )
    got = _between(tmp_path, box)
    assert _pictures(got) == [("https://cdn.example.vn/t.jpg", "Lò mổ ở Hà Nam")]


def test_a_description_under_a_picture_is_its_caption_not_the_lead(tmp_path: Path) -> None:
    box = (
        "<div class='image-container'><a class='image' href='//anh.example.vn/u.jpg'><img "
        "src='//anh.example.vn/u.jpg'></a><div class='image-text'><span class='description'>"
        "Bộ trưởng Tài chính phát biểu tại Quốc hội sáng nay. Ảnh tư liệu</span></div></div>"
    )
    got = _read(tmp_path, f"<h1>Lũ</h1><article>{box}{_paras('Một.', 'Hai.')}</article>")
    assert got.lead.endswith("Một.")
    assert [p.caption for p in got.photos] == [
        "Bộ trưởng Tài chính phát biểu tại Quốc hội sáng nay. Ảnh tư liệu"
    ]


def test_captions_set_in_a_figures_footer_or_after_it_and_a_size_left_to_the_style(
    tmp_path: Path,
) -> None:
    figures = (
        "<figure><div><picture><img src='https://anh.example.vn/v.jpg' alt=''></picture></div>"
        "<div class='footer_fst'><figcaption class='caption_c1'>Ngân hàng đổi lãnh đạo"
        "</figcaption></div></figure>"
        "<span class='imageContainer'><img src='https://anh.example.vn/w.jpg' width='570' "
        "height='0'></span><figcaption><span class='caption'>Giám đốc điều hành</span>"
        "</figcaption>"
    )
    got = _between(tmp_path, figures)
    assert _pictures(got) == [
        ("https://anh.example.vn/v.jpg", "Ngân hàng đổi lãnh đạo"),
        ("https://anh.example.vn/w.jpg", "Giám đốc điều hành"),
    ]
    # a lead picture above the story, its caption set right after its figure
    got = _read(
        tmp_path,
        "<h1>Lũ</h1><article><figure><div><img src='https://anh.example.vn/x.jpg'></div>"
        "</figure><figcaption class='fp-image-info'>Biểu tình năm 2022</figcaption>"
        f"<div class='article-body'>{_paras('Một.', 'Hai.', 'Ba.')}</div></article>",
    )
    assert _pictures(got) == [("https://anh.example.vn/x.jpg", "Biểu tình năm 2022")]


def test_a_link_alone_in_its_box_is_a_link_not_a_line_of_the_story(tmp_path: Path) -> None:
    teasers = "".join(
        f"<article class='relative'><div class='text-18'><a href='/tin-{k}.html'>Tin liên quan "
        f"số {k}: mưa lớn kéo dài ở Quảng Nam</a></div></article>"
        for k in range(3)
    )
    button = (
        "<div class='btnFrame'><a href='https://shop.example/lego'>Xem các ưu đãi đồ chơi</a></div>"
    )
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><article>{_paras('Một.')}{teasers}{_paras('Hai.')}{button}{_paras('Ba.')}</article>",
    )
    shown = " ".join([got.lead, *(b.text for b in got.blocks)])
    assert "Tin liên quan" not in shown and "ưu đãi" not in shown
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_a_captions_lines_stay_apart(tmp_path: Path) -> None:
    figure = (
        "<figure><img src='https://anh.example.vn/y.jpg'><figcaption><p>Đoàn đàm phán<br></p>"
        "<p>Ảnh: Dmitry Azarov</p></figcaption></figure>"
    )
    got = _between(tmp_path, figure)
    assert [p.caption for p in got.photos] == ["Đoàn đàm phán Ảnh: Dmitry Azarov"]


def test_a_blog_post_of_text_and_line_breaks_in_a_widget_is_the_story(tmp_path: Path) -> None:
    # Blogger's templates set the post in a "widget Blog" box, its lines parted by <br>
    post = "<br><br>".join(f"{PROSE} Dòng {k}." for k in range(1, 4))
    got = _read(
        tmp_path,
        f"{NAV}<div class='widget Blog' id='Blog1'><h1>Lũ</h1>"
        f"<div class='post-body post-content'>{post}</div></div>"
        "<div class='widget HTML'><a href='/a'>Bài đọc nhiều</a></div>",
    )
    assert _ends(got) == ["1.", "2.", "3."]


def test_a_marked_story_of_lists_is_read_before_a_few_lines_elsewhere(tmp_path: Path) -> None:
    # a shopping page: headings and lists of links, one short paragraph in the rail
    deals = "".join(
        f"<h2>Ưu đãi số {k} hôm nay</h2><ul><li>Máy lọc nước loại {k} giảm giá ba mươi phần "
        f"trăm, còn 2.990.000 đồng <a href='/m{k}'>tại cửa hàng</a></li></ul>"
        for k in range(20)
    )
    got = _read(
        tmp_path,
        f"<h1>Ưu đãi</h1><div class='article-content'><p>Hôm nay có nhiều ưu đãi.</p>{deals}</div>"
        "<div class='right-rail'><p>Đăng ký nhận bản tin của chúng tôi mỗi sáng, "
        "miễn phí, để không bỏ lỡ ưu đãi nào.</p></div>",
    )
    shown = " ".join([got.lead, *(b.text for b in got.blocks)])
    assert "Đăng ký nhận bản tin" not in shown
    assert "Ưu đãi số 19 hôm nay" in shown


def test_a_quoted_post_in_a_social_embed_box_is_part_of_the_story(tmp_path: Path) -> None:
    tweet = (
        "<div class='social-media-embed'><blockquote class='twitter-tweet'><p>Mưa to quá, "
        "nước đã vào đến nhà rồi, mọi người cẩn thận nhé</p>— Nguyễn An (@an) 18/11/2019"
        "</blockquote></div>"
    )
    consent = (
        "<div class='embed-consent social'><p>Nội dung bên ngoài bị chặn. Mời xem thêm trong "
        "chính sách bảo mật của chúng tôi về dữ liệu.</p></div>"
    )
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><article>{_paras('Một.')}{tweet}{consent}{_paras('Hai.')}</article>",
    )
    shown = " ".join([got.lead, *(b.text for b in got.blocks)])
    assert "nước đã vào đến nhà rồi" in shown
    assert "chính sách bảo mật" not in shown


def test_a_table_of_data_in_the_story_is_read_row_by_row(tmp_path: Path) -> None:
    table = (
        "<table><tr><th>Hạng</th><th>Đội</th><th>Điểm</th></tr>"
        "<tr><td>1</td><td>Hà Nội</td><td>45</td></tr>"
        "<tr><td>2</td><td>Nam Định</td><td>41</td></tr></table>"
    )
    got = _between(tmp_path, table)
    texts = [b.text for b in got.blocks if b.type == "text"]
    assert texts[:3] == ["Hạng Đội Điểm", "1 Hà Nội 45", "2 Nam Định 41"]
    # a layout table (a cell holding the story's paragraphs) is not one row of data
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><table><tr><td><div class='content'>{_paras('Một.', 'Hai.')}</div></td>"
        "<td><a href='/x'>Tin mới</a></td></tr></table>",
    )
    assert _ends(got) == ["Một.", "Hai."]


def test_a_products_box_is_its_picture_captioned_with_its_name(tmp_path: Path) -> None:
    product = (
        "<div class='ProductEmbedWrapper-dbb product-embed'><a href='https://shop.example/go/1'>"
        "<picture><img src='https://anh.example.vn/tui-ngu.jpg'></picture>"
        "<p>Photograph: Scott Gilbertson</p></a><div class='product-embed__content'>"
        "<div><div class='ProductEmbedHed'>Túi ngủ Bishop Pass 15</div></div>"
        "<div class='product-offer-list'><a href='https://shop.example/go/2'>2.990.000 đ tại "
        "cửa hàng</a></div></div></div>"
    )
    got = _between(tmp_path, product)
    assert _pictures(got) == [("https://anh.example.vn/tui-ngu.jpg", "Túi ngủ Bishop Pass 15")]
    assert _ends(got) == ["Một.", "Hai."]


def test_a_paragraph_heavy_with_links_is_kept_a_line_of_links_is_not(tmp_path: Path) -> None:
    quoted = (
        "<p>Phản hồi từ mọi phía, kể cả <a href='/a'>những người nhạy cảm nhất với lời phê "
        "bình đến mức một chữ cũng đủ làm họ im lặng</a>, và <a href='/b'>những người đã chặn "
        "bạn bè của tôi chỉ vì họ chỉ ra một lỗi sai nhỏ trong bài viết trước</a>, đều giống "
        "nhau: họ không đọc bài viết mà chỉ đọc tiêu đề rồi trả lời.</p>"
    )
    links = (
        "<p><a href='/c'>Mưa lớn ở Quảng Nam kéo dài</a> · <a href='/d'>Lũ quét ở Lào Cai"
        "</a> · <a href='/e'>Sạt lở đất ở Quảng Trị</a></p>"
    )
    got = _between(tmp_path, quoted + links)
    assert _ends(got) == ["Một.", "lời.", "Hai."]


def test_a_picture_at_a_paragraphs_start_is_beside_it_not_captioned_by_it(tmp_path: Path) -> None:
    floated = (
        "<p><img src='https://anh.example.vn/lu.jpg'><strong>Nước lũ</strong> đã rút khỏi "
        "trung tâm thị trấn sáng nay, người dân bắt đầu dọn dẹp nhà cửa.</p>"
    )
    captioned = "<p><img src='https://anh.example.vn/de.jpg'><br>Đê bao ở Quảng Nam bị vỡ</p>"
    got = _between(tmp_path, floated + captioned)
    assert _pictures(got) == [
        ("https://anh.example.vn/lu.jpg", None),
        ("https://anh.example.vn/de.jpg", "Đê bao ở Quảng Nam bị vỡ"),
    ]
    assert _ends(got) == ["Một.", "cửa.", "Hai."]


def test_a_title_less_the_sites_address_it_ends_with(tmp_path: Path) -> None:
    head = (
        "<title>Lũ miền Trung: nước rút chậm | BAODANANG.VN</title>"
        "<meta property='og:title' content='Lũ miền Trung: nước rút chậm | BAODANANG.VN'>"
        "<link rel='canonical' href='https://baodanang.vn/xa-hoi/lu-mien-trung.html'>"
    )
    got = _read(tmp_path, f"<h1></h1><article>{_paras('Một.', 'Hai.')}</article>", head=head)
    assert got.title == "Lũ miền Trung: nước rút chậm"


def test_a_slideshow_leading_the_story_gives_every_slide_with_its_caption(
    tmp_path: Path,
) -> None:
    slides = "".join(
        f"<div class='Carousel-slide'><div class='CarouselSlide'><div class='CarouselSlide-media'>"
        f"<picture><img src='https://anh.example.vn/s{k}.jpg'></picture></div>"
        f"<div class='CarouselSlide-info'><div class='ReadMore'><span>{k} / 4</span> "
        f"<span><p>Cảnh số {k}: người dân dọn dẹp sau lũ ở Quảng Nam</p></span>"
        f"<button>Xem thêm</button></div></div></div></div>"
        for k in range(1, 5)
    )
    got = _read(
        tmp_path,
        f"<main><h1>Lũ</h1><div class='Page-lead'><div class='Carousel'><div class='Carousel-"
        f"slides'>{slides}</div></div></div><div class='RichTextStoryBody'>"
        f"{_paras('Một.', 'Hai.')}</div></main>",
    )
    assert _pictures(got) == [
        (
            f"https://anh.example.vn/s{k}.jpg",
            f"{k} / 4 Cảnh số {k}: người dân dọn dẹp sau lũ ở Quảng Nam",
        )
        for k in range(1, 5)
    ]
    assert _ends(got) == ["Một.", "Hai."]


def test_what_is_shown_from_a_desktops_width_on_is_not_hidden(tmp_path: Path) -> None:
    box = (
        "<div class='pic'><img src='https://anh.example.vn/d.jpg'></div>"
        "<div class='image__caption hidden xl:block'><span>Đê bao ở Quảng Nam</span></div>"
        "<div class='hidden'><p>Chỉ dành cho trình đọc màn hình: bài viết có 2 đoạn và 1 ảnh"
        " minh họa về lũ ở miền Trung.</p></div>"
    )
    got = _between(tmp_path, box)
    assert _pictures(got) == [("https://anh.example.vn/d.jpg", "Đê bao ở Quảng Nam")]
    assert _ends(got) == ["Một.", "Hai."]


def test_a_picture_one_clicks_to_enlarge_keeps_its_caption(tmp_path: Path) -> None:
    button = (
        "<button class='SlideViewerButton'><div class='ImageEmbed_image-embed'>"
        "<div class='ImageEmbed_image-container'><img src='https://anh.example.vn/e.jpg'>"
        "<span>Xem 6 ảnh</span></div><figcaption><p>Đê bao ở Quảng Nam bị vỡ</p>"
        "<cite>(Ảnh: TTXVN)</cite></figcaption></div></button>"
    )
    got = _between(tmp_path, button)
    assert _pictures(got) == [
        ("https://anh.example.vn/e.jpg", "Đê bao ở Quảng Nam bị vỡ (Ảnh: TTXVN)")
    ]
    assert _ends(got) == ["Một.", "Hai."]


def test_the_headline_shown_is_the_title_not_the_one_for_search_engines(tmp_path: Path) -> None:
    head = (
        "<title>Lũ rút chậm ở Quảng Nam : Thời sự : Báo Đà Nẵng</title>"
        "<meta property='og:title' content='Lũ rút chậm ở Quảng Nam'>"
    )
    story = f"<article>{_paras('Một.', 'Hai.')}</article>"
    # a headline the metadata does not name, a section's name the window title holds
    got = _read(
        tmp_path,
        f"<h1>Thời sự</h1><h1>Người dân Quảng Nam trắng đêm chờ nước rút</h1>{story}",
        head,
    )
    assert got.title == "Người dân Quảng Nam trắng đêm chờ nước rút"
    # the site's name in an h1 of its logo, repeated in the footer: no headline
    logo = "<div class='logo'><h1>Báo Đà Nẵng điện tử</h1></div>"
    got = _read(tmp_path, f"{logo}{story}<footer><h1>Báo Đà Nẵng điện tử</h1></footer>", head)
    assert got.title == "Lũ rút chậm ở Quảng Nam"


def test_a_date_in_a_meta_value_in_mail_form_or_alone_in_its_element(tmp_path: Path) -> None:
    story = f"<h1>Lũ</h1><article>{_paras('Một.', 'Hai.')}</article>"
    for head, body, want in [
        ("<meta value='2016-12-14T06:02Z' name='og:article:published_time'>", story, "2016-12-14"),
        ("<meta name='publish-date' value='Tue, 07 Apr 2020 07:36:07 +0530'>", story, "2020-04-07"),
        ("", f"<h1>Lũ</h1><div class='info'><span>December 14, 2016</span> <span>2:24 pm</span>"
         f"</div><article>{_paras('Một.', 'Hai.')}</article>", "2016-12-14"),
    ]:  # fmt: skip
        got = _read(tmp_path, body, head=f"<title>Lũ</title>{head}")
        assert (got.date, got.date_source) == (want, "page")


def test_the_headline_of_the_structured_data_before_the_title_for_sharing(tmp_path: Path) -> None:
    head = (
        "<title>Lũ miền Trung | Báo Đà Nẵng</title>"
        "<meta property='og:title' content='Bạn sẽ không tin nổi nước lũ dâng nhanh thế nào'>"
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": '
        '"Lũ miền Trung dâng nhanh trong đêm"}</script>'
    )
    got = _read(tmp_path, f"<article>{_paras('Một.', 'Hai.')}</article>", head=head)
    assert got.title == "Lũ miền Trung dâng nhanh trong đêm"


def test_a_box_of_the_whole_page_is_not_furniture_whatever_its_class(tmp_path: Path) -> None:
    got = _read(
        tmp_path,
        f"<div class='page footer-borders panels-layout'><h1>Lũ</h1><div class='abstract'>"
        f"{_paras('Một.', 'Hai.')}</div><div class='footer'><a href='/'>Trang chủ</a></div></div>",
    )
    assert _ends(got) == ["Một.", "Hai."]


def test_a_figure_in_a_gallerys_list_keeps_its_long_caption(tmp_path: Path) -> None:
    long = (
        "Sơ đồ khu vực ngập: (1) xã Hòa Vang, (2) xã Hòa Tiến, (3) xã Hòa Phong, (4) xã "
        "Hòa Khương; " * 8
    ).strip()  # a caption of 500 characters and more, in the page's own figcaption
    gallery = (
        "<ul class='article-gallery'><li data-src='https://anh.example.vn/g1.jpg'>"
        "<figure><img src='https://anh.example.vn/g1.jpg' alt='Ngập'>"
        f"<figcaption>{long}</figcaption></figure></li>"
        "<li><figure><img src='https://anh.example.vn/g2.jpg'><figcaption>Đê bao "
        "ở Quảng Nam bị vỡ sau đêm mưa lớn</figcaption></figure></li></ul>"
    )
    got = _between(tmp_path, gallery)
    assert len(long) > 500
    assert _pictures(got) == [
        ("https://anh.example.vn/g1.jpg", long),
        ("https://anh.example.vn/g2.jpg", "Đê bao ở Quảng Nam bị vỡ sau đêm mưa lớn"),
    ]
    assert _ends(got) == ["Một.", "Hai."]


def test_a_story_whose_box_is_marked_image_is_read_as_a_story(tmp_path: Path) -> None:
    long = f"{PROSE} {PROSE} {PROSE}"  # paragraphs of 400 characters and more
    body = (
        "<h1>Lũ</h1><article class='image landscape clearfix'><div id='body-content'>"
        f"<p>{long} Một.</p><figure><img src='https://anh.example.vn/a.jpg'>"
        "<figcaption>Đê bao ở Quảng Nam</figcaption></figure>"
        f"<p>{long} Hai.</p><p>{long} Ba.</p></div></article>"
        "<div class='related'><h3>Tin liên quan</h3></div>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai.", "Ba."]
    assert _pictures(got) == [("https://anh.example.vn/a.jpg", "Đê bao ở Quảng Nam")]


def test_a_story_an_unclosed_nav_swallowed_is_still_read(tmp_path: Path) -> None:
    long = f"{PROSE} {PROSE}"
    body = (  # the menu's <nav> is never closed: the story ends up inside it
        "<article><h1>Lũ</h1><nav><a href='/'>Trang chủ</a><section class='content'>"
        + "".join(f"<p>{long} {n}</p>" for n in ("Một.", "Hai.", "Ba."))
        + "</section></article>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai.", "Ba."]
    assert not any(p.kind == "empty-article" for p in got.problems)


def test_a_menu_beside_the_story_is_still_left_out(tmp_path: Path) -> None:
    long = f"{PROSE} {PROSE}"
    body = (
        "<h1>Lũ</h1><article>"
        + "".join(f"<p>{long} {n}</p>" for n in ("Một.", "Hai.", "Ba."))
        + "</article><aside class='rail'>"
        + "".join(f"<p>{long} Lề{n}.</p>" for n in range(4))
        + "</aside>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_a_story_marked_image_with_paragraphs_of_common_length(tmp_path: Path) -> None:
    body = (  # three paragraphs of 150 to 400 characters: a story, not a figure
        "<h1>Lũ</h1><article class='category-people image landscape'>"
        "<figure><img src='https://anh.example.vn/a.jpg'><figcaption>Đê bao ở Quảng Nam"
        f"</figcaption></figure>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai.", "Ba."]
    assert _pictures(got) == [("https://anh.example.vn/a.jpg", "Đê bao ở Quảng Nam")]


def test_the_first_paragraphs_in_boxes_of_their_own_before_related_links_are_the_story(
    tmp_path: Path,
) -> None:
    """The page's own article body: its first paragraphs each in a box of its own, then
    a box of related links, then the rest of the story in a box called "body"."""
    related = "".join(
        f"<li><a href='/tin/{k}.html'>Tin liên quan số {k} về lũ</a></li>" for k in range(4)
    )
    body = (
        "<h1>Lũ</h1><div id='mainBodyArea' itemprop='articleBody'>"
        + "".join(f"<div class='par{n}'>{_paras(n)}</div>" for n in ("Một.", "Hai.", "Ba."))
        + f"<div class='related-links'><h2>Related Articles</h2><ul>{related}</ul></div>"
        + f"<div class='body'>{_paras('Bốn.', 'Năm.', 'Sáu.', 'Bảy.', 'Tám.', 'Chín.')}</div>"
        + "</div>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai.", "Ba.", "Bốn.", "Năm.", "Sáu.", "Bảy.", "Tám.", "Chín."]


def test_a_box_of_most_read_links_called_summary_is_no_lead(tmp_path: Path) -> None:
    viewed = "".join(
        f"<li><a href='/tin/{k}.html'>Bài được đọc nhiều số {k} trong tuần qua</a></li>"
        for k in range(6)
    )
    body = (
        f"<div class='summaryMedium'><h3>Most Viewed</h3><ul>{viewed}</ul></div>"
        f"<h1>Lũ</h1><article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_a_videos_transcript_in_the_footer_is_read_after_the_story(tmp_path: Path) -> None:
    long = f"{PROSE} {PROSE}"
    body = (
        f"<h1>Lũ</h1><div id='nuggetBody' class='video'>{_paras('Một.', 'Hai.', 'Ba.')}</div>"
        "<footer id='meta-data'><div class='copyright'><p>© Báo Lũ. Mọi quyền được bảo lưu, "
        "không sao chép khi chưa được phép của tòa soạn.</p></div>"
        "<div id='transcript'><dl><dt>Lời thoại:</dt><dd><a href='#show-transcript'>Hiện "
        "lời thoại</a><div id='transcriptContent'>"
        f"<p>Người dẫn: {long} Bốn.</p><p>{long} Năm.</p></div></dd></dl></div></footer>"
    )
    got = _read(tmp_path, body)
    texts = [got.lead, *(b.text for b in got.blocks if b.type == "text")]
    assert _ends(got)[:3] == ["Một.", "Hai.", "Ba."]
    assert _ends(got)[-2:] == ["Bốn.", "Năm."]
    assert not any("Hiện lời thoại" in t or "bảo lưu" in t for t in texts)


def test_a_blogs_name_linked_to_its_home_is_not_the_posts_title(tmp_path: Path) -> None:
    head = "<title>Nhật ký bếp » Lưu trữ » Gan bò xào táo và hành tây</title>"
    body = (
        "<div id='header'><h1><a href='https://nhatkybep.example.vn/'>Nhật ký bếp của Mai</a>"
        "</h1></div><div class='post'><h2>Gan bò xào táo và hành tây</h2>"
        f"<div class='entry'>{_paras('Một.', 'Hai.', 'Ba.')}</div></div>"
    )
    assert _read(tmp_path, body, head).title == "Gan bò xào táo và hành tây"


def test_soft_hyphens_and_zero_width_spaces_do_not_part_a_words_letters(tmp_path: Path) -> None:
    """A page hyphenated for narrow screens (``&shy;``) is read and searched as words."""
    body = (
        "<h1>Mes&shy;sen&shy;ger&shy;diens&shy;te sind kein rechts&shy;frei&shy;er Raum</h1>"
        f"<article>{_paras('Một.', 'Hai.')}<p>Nhà&#8203;báo {PROSE} Ba.</p></article>"
    )
    got = _read(tmp_path, body)
    assert got.title == "Messengerdienste sind kein rechtsfreier Raum"
    assert not any(c in b.text for b in got.blocks for c in "\u00ad\u200b")
    write_article(tmp_path / "txt", "Bài báo\n\nĐoàn\u00ad kết là sức mạnh\u200b của chúng ta.\n")
    got = load_article(tmp_path / "txt", tmp_path / "txt" / "article.txt")
    assert got.lead == "Đoàn kết là sức mạnh của chúng ta."


def test_a_date_line_in_german_and_not_a_comments_date(tmp_path: Path) -> None:
    body = (
        "<h1>Wireshark: Besuchte URLs anzeigen (HTTP und HTTPS)</h1>"
        "<div class='entry-meta'><span>29. Juni 2017, 23:04</span></div>"
        f"<article>{_paras('Một.', 'Hai.')}</article><div id='comments'><ol><li>"
        "<div class='comment-meta commentmetadata'><a href='#c1'>29. März 2020 um 16:45 Uhr"
        "</a></div><p>Hallo, danke für den Artikel!</p></li></ol></div>"
    )
    assert _read(tmp_path, body).date == "2017-06-29"
    # a comment's date alone is no date of the article
    body = body.replace("<span>29. Juni 2017, 23:04</span>", "")
    assert _read(tmp_path, body).date is None


def test_a_plain_heading_over_other_articles_ends_the_story_not_a_teaser_in_it(
    tmp_path: Path,
) -> None:
    others = "".join(  # other articles' cards: a picture, a date
        f"<div><img src='https://anh.example.vn/bai-{k}.jpg'><p>{k + 10}. Januar 2022</p></div>"
        for k in range(4)
    )
    body = (
        f"<h1>Lũ</h1><article>{_paras('Một.', 'Hai.', 'Ba.', 'Bốn.')}<div class='jp-relatedposts'>"
        f"<h3><em>Ähnliche Beiträge</em></h3>{others}</div></article>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai.", "Ba.", "Bốn."]
    assert _pictures(got) == []  # the other articles' pictures are not the story's
    # a teaser inside the story: the story goes on after it
    body = (
        f"<h1>Lũ</h1><article>{_paras('Một.', 'Hai.', 'Ba.')}<h3>Lesen Sie auch</h3>"
        f"<p><a href='/a/1.html'>Ein anderer Artikel</a></p>{_paras('Bốn.', 'Năm.')}</article>"
    )
    got = _read(tmp_path, body)
    assert _ends(got)[-2:] == ["Bốn.", "Năm."]
    # the teaser's heading says nothing of the story: it is left out, and so is one
    # written with a question or an exclamation mark
    texts = [b.text for b in got.blocks if b.type == "text"]
    assert "Lesen Sie auch" not in texts
    body = body.replace("Lesen Sie auch", "Schon gelesen?")
    assert "Schon gelesen?" not in [b.text for b in _read(tmp_path, body).blocks]


def test_the_code_after_a_script_written_closed_is_no_text(tmp_path: Path) -> None:
    """``<script …/>`` does not close in a web page: what follows up to ``</script>`` is
    its code, as a browser reads it."""
    code = "(function() { document.addEventListener('DOMContentLoaded', function() {}); })();"
    got = _read(
        tmp_path,
        f"<h1>Lũ</h1><article>{_paras('Một.')}<script type='text/javascript'/>{code}</script>"
        f"{_paras('Hai.')}<script src='/a.js'/></article>",
    )
    assert _ends(got) == ["Một.", "Hai."]


def test_a_box_asking_consent_to_cookies_is_no_story(tmp_path: Path) -> None:
    consent = "".join(
        f"<p>Wir nutzen Cookies auf unserer Website, um Inhalte zu personalisieren und Zugriffe "
        f"zu analysieren; einige von ihnen sind essenziell, während andere uns helfen, diese "
        f"Website und Ihre Erfahrung zu verbessern. Zweck {k}.</p>"
        for k in range(6)
    )
    body = (
        f"<div class='avia-cookie-consent-wrap'><div class='tab'>{consent}</div></div>"
        f"<h1>Lũ</h1><div class='entry'><p>{PROSE} Một.</p><p>{PROSE} Hai.</p></div>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai."]
    # a German site's consent box (DSGVO: the data protection regulation)
    body = body.replace("avia-cookie-consent-wrap", "sp-dsgvo sp-dsgvo-popup-overlay")
    assert _ends(_read(tmp_path, body)) == ["Một.", "Hai."]


def test_readers_comments_outweighing_the_marked_story_are_not_it(tmp_path: Path) -> None:
    long = f"{PROSE} {PROSE}"
    comments = "".join(
        f"<li class='member'><p>Leser {k} schreibt: {long} Kommentar {k}.</p></li>"
        for k in range(12)
    )
    story = "".join(f"<p>{long} {n}</p>" for n in ("Một.", "Hai.", "Ba."))
    body = (
        "<div class='news pages'><div class='full news article'><h1>Lũ</h1>"
        f"<article class='sectbody'>{story}</article></div>"
        f"<div class='full community page'><ul class='thread'>{comments}</ul></div></div>"
    )
    got = _read(tmp_path, body)
    assert _ends(got) == ["Một.", "Hai.", "Ba."]


def test_the_date_in_the_byline_box_under_the_headline(tmp_path: Path) -> None:
    body = (
        "<h1>Items We Never Knew We Wanted</h1><div class='gallery--page-meta'>"
        "<div class='gallery--page-meta--author'>Posted on September 21, 2020 by Adi Tzlil"
        f"</div></div><article>{_paras('Một.', 'Hai.')}</article>"
    )
    assert _read(tmp_path, body).date == "2020-09-21"


def test_a_headline_is_read_without_the_kicker_or_small_print_its_h1_sets_beside_it(
    tmp_path: Path,
) -> None:
    """A kicker above the headline (its topic), a label, a date line under a break are
    not the title; a page that writes "Kicker: Headline" (a separator, for screen
    readers) is titled so."""
    story = f"<article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    cases = {
        "<h1><span class='dachzeile'>Nach Mưa lớn</span> "
        "<span class='headline'>Lũ trên sông Hồng lên nhanh trong đêm</span></h1>": (
            "Lũ trên sông Hồng lên nhanh trong đêm"
        ),
        "<h1 class='entry-title'><span class='roofline'>Thời tiết </span>"
        "Lũ trên sông Hồng lên nhanh trong đêm</h1>": "Lũ trên sông Hồng lên nhanh trong đêm",
        "<h1><small>Tin trong ngày</small><br>Lũ trên sông Hồng lên nhanh trong đêm</h1>": (
            "Lũ trên sông Hồng lên nhanh trong đêm"
        ),
        "<h1>Lũ trên sông Hồng lên nhanh trong đêm<br><small>02.02.2022 • Thời sự</small></h1>": (
            "Lũ trên sông Hồng lên nhanh trong đêm"
        ),
        "<h1><span class='article-heading__kicker'>Thời tiết</span>"
        "<span class='visually-hidden'>: </span>"
        "<span class='article-heading__title'>Lũ trên sông Hồng lên nhanh</span></h1>": (
            "Thời tiết: Lũ trên sông Hồng lên nhanh"
        ),
        # (a short headline keeps what is beside it: no headline is left without it)
        "<h1><span class='kicker'>Thời tiết miền Bắc</span> Lũ lên</h1>": (
            "Thời tiết miền Bắc Lũ lên"
        ),
    }
    for n, (h1, title) in enumerate(cases.items()):
        got = _read(tmp_path / str(n), h1 + story)
        assert got.title == title, h1


def test_the_small_print_under_a_headline_dates_the_page(tmp_path: Path) -> None:
    got = _read(
        tmp_path,
        "<h1>Lũ trên sông Hồng lên nhanh trong đêm<br><small>02.02.2022 • Thời sự</small></h1>"
        f"<article>{_paras('Một.', 'Hai.', 'Ba.')}</article>",
    )
    assert (got.date, got.date_source) == ("2022-02-02", "page")


def test_a_title_is_given_without_its_sites_name_and_never_cut_short(tmp_path: Path) -> None:
    story = f"<article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    url = "<link rel='canonical' href='https://www.baolu.vn/thoi-su/lu-len.html'>"
    cases = [
        # the site's name, as its host has it, before or after the page's title
        (f"<title>BAOLU - Lũ trên sông Hồng lên nhanh trong đêm</title>{url}", ""),
        (
            "<meta property='og:title' content='Lũ trên sông Hồng lên nhanh trong đêm | baolu'>"
            + url,
            "",
        ),
        # a card's headline cut short ("…") where the page's title goes on
        (
            "<title>Lũ trên sông Hồng lên nhanh trong đêm</title>",
            "<div class='card-title'>Lũ trên sông Hồng lên nhanh…</div>",
        ),
        # a kicker of its own opens the h1; the page is titled with the headline after it
        (
            "<title>Lũ trên sông Hồng lên nhanh trong đêm</title>",
            "<h1><style>.k{color:red}</style><em>Thời tiết </em>"
            "Lũ trên sông Hồng lên nhanh trong đêm</h1>",
        ),
    ]
    for n, (head, body) in enumerate(cases):
        got = _read(tmp_path / str(n), body + story, head=head)
        assert got.title == "Lũ trên sông Hồng lên nhanh trong đêm", (head, body)
    # a title whose words are all the site's stays whole
    got = _read(tmp_path / "site", story, head=f"<title>Báo Lũ</title>{url}")
    assert got.title == "Báo Lũ"
    # a host whose name is hyphenated, written in the title with spaces
    hyphened = (
        "<meta property='og:title' content='Lũ trên sông Hồng lên nhanh trong đêm | Mien Trung'>"
        "<title>Lũ trên sông Hồng lên nhanh trong đêm | Mien Trung</title>"
        "<link rel='canonical' href='https://www.mien-trung.online/lu-len.html'>"
    )
    got = _read(tmp_path / "hyphened", story, head=hyphened)
    assert got.title == "Lũ trên sông Hồng lên nhanh trong đêm"


def test_a_moment_in_universal_time_near_midnight_is_dated_as_the_page_shows_it(
    tmp_path: Path,
) -> None:
    def dated(stamp: str, shown: str) -> tuple[str | None, str | None]:
        head = f"<title>Lũ</title><meta property='article:published_time' content='{stamp}'>"
        body = (
            f"<h1>Lũ trên sông</h1><time>{shown}</time><article>{_paras('Một.', 'Hai.')}</article>"
        )
        got = _read(tmp_path / stamp.replace(":", ""), body, head=head)
        return got.date, got.date_source

    # past midnight in London, the evening before in Buenos Aires; the next morning in Hanoi
    assert dated("2022-05-04T00:53:29Z", "3 de mayo de 2022") == ("2022-05-03", "page")
    assert dated("2021-11-04T23:00:00+00:00", "05/11/2021") == ("2021-11-05", "page")
    # by day, or a day the other way, or two days apart: the moment's own day
    assert dated("2024-04-26T15:24:04Z", "25/04/2024") == ("2024-04-26", "page")
    assert dated("2022-05-04T00:53:29Z", "05/05/2022") == ("2022-05-04", "page")
    assert dated("2022-05-04T00:53:29Z", "02/05/2022") == ("2022-05-04", "page")
    # a moment in the paper's own time zone is its day
    assert dated("2022-05-03T23:37:37-04:00", "04/05/2022") == ("2022-05-03", "page")


def test_the_day_a_page_was_seen_is_not_its_date(tmp_path: Path) -> None:
    story = f"<article>{_paras('Một.', 'Hai.')}</article>"
    for clock in (
        "<div class='current-time'>Aktuelles Datum und Uhrzeit: 11/02/20, 07:22 pm</div>",
        "<span>Hôm nay: 07/12/2026</span>",
        "<div class='header-today'>Thứ Hai, 07/12/2026</div>",
    ):
        got = _read(tmp_path / str(len(clock)), f"{clock}<h1>Lũ trên sông</h1>{story}")
        assert got.date is None, clock


def test_a_headline_for_screen_readers_only_does_not_place_the_date_line(
    tmp_path: Path,
) -> None:
    """Of two date lines, the one by the headline a reader sees dates the page."""
    got = _read(
        tmp_path,
        "<h1 class='aural'>Cục Khí tượng Thủy văn</h1><div class='date'>31.12.2020</div>"
        + _paras("Menu.")
        + "<h1>Lũ trên sông Hồng lên nhanh trong đêm</h1><span class='date'>27.01.2022</span>"
        + f"<article>{_paras('Một.', 'Hai.')}</article>",
    )
    assert (got.date, got.title) == ("2022-01-27", "Lũ trên sông Hồng lên nhanh trong đêm")


def test_a_description_the_page_marks_for_search_engines_under_its_headline_is_its_lead(
    tmp_path: Path,
) -> None:
    teaser = "Hàng nghìn hành khách qua ga mỗi ngày sẽ thấy một công trình mới, nổi bật."
    got = _read(
        tmp_path,
        "<div class='header'><h1 itemprop='headline'>Ngọn tháp của những điều ước</h1></div>"
        f"<div class='teaser-text news-details__teaser' itemprop='description'><p>{teaser}</p>"
        f"</div><div class='news-text-wrap'>{_paras('Một.', 'Hai.')}</div>",
    )
    assert got.lead == teaser
    assert _ends(got) == ["bật.", "Một.", "Hai."]


def test_the_publication_day_its_markup_states_outranks_a_generic_date_tag(
    tmp_path: Path,
) -> None:
    # (a content system's <meta name="date"> is the day the page was last saved; the
    # article's own element says when it was published, in microdata or in RDFa)
    story = f"<h1>Lũ trên sông</h1><article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    head = "<title>Lũ trên sông</title><meta name='date' content='2022-01-21T15:38:44+01:00'>"
    marks = [
        "<time itemprop='datePublished' datetime='2022-01-27'>27.01.2022</time>",
        "<span property='schema:dateCreated' content='2022-01-27T12:45:46+00:00'></span>",
    ]
    for n, mark in enumerate(marks):
        got = _read(tmp_path / str(n), story + f"<p class='meta'>{mark}</p>", head)
        assert (got.date, got.date_source) == ("2022-01-27", "page"), mark
    # a list of stories, each marked with its own day, states none for the page
    listing = "".join(
        f"<div><time itemprop='datePublished' datetime='2022-01-{d}'>x</time></div>"
        for d in (25, 27)
    )
    got = _read(tmp_path / "list", story + listing, head)
    assert got.date == "2022-01-21"


def test_a_byline_that_states_the_day_dates_the_page(tmp_path: Path) -> None:
    story = f"<article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    cases = [
        (
            "<div class='author'>Written by <a href='/me'>Lan Anh</a> in <a href='/x'>Thời sự"
            "</a> on 1 June 2019 at 08:34 PM EDT. <a href='/c'>51 Comments</a></div>",
            "2019-06-01",
        ),
        (
            "<p class='byline'>Lan Anh / TTXVN / <span>Updated: Oct 9, 2019, 11:05 IST</span></p>",
            "2019-10-09",
        ),
    ]
    for n, (byline, day) in enumerate(cases):
        got = _read(tmp_path / str(n), f"<h1>Lũ trên sông</h1>{byline}{story}")
        assert (got.date, got.date_source) == (day, "page"), byline


def test_the_sites_own_calls_to_its_reader_are_not_the_story(tmp_path: Path) -> None:
    calls = [
        "Sie sind aktuell nicht eingeloggt.",
        "Pressemitteilung als PDF",
        "¡Mira lo que tiene nuestro canal de YouTube!",
        "To view the full story, please subscribe to The Haitian Times.",
        "© 2020 Báo Lũ. All rights reserved.",
        "4 Min Read",
    ]
    # (what the story itself says of subscribers, channels and rights stays)
    story = [
        "Netflix lost 200,000 subscribers in the first quarter, the company said.",
        "Kênh YouTube của nhà trường có 10.000 người theo dõi.",
        "The court said all rights reserved by the contract had lapsed in 2019.",
    ]
    lines = [*story[:2], *calls, story[2]]
    page = "<h1>Lũ</h1><article>" + "".join(f"<p>{line}</p>" for line in lines) + "</article>"
    got = _read(tmp_path, page)
    assert [got.lead, *(b.text for b in got.blocks if b.type == "text")] == story


def test_a_words_reading_set_over_it_is_not_its_text(tmp_path: Path) -> None:
    # (furigana: <rt> over each word; a page that also writes the reading in
    # parentheses, <rp>, for browsers that cannot set it over, keeps it so)
    page = (
        "<h1><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を禁止</h1>"
        "<article><p><ruby>外国人<rt>がいこくじん</rt></ruby>の皆さんのために、わかりやすい"
        "ことばでニュースを書きます。</p><p>韓国の<ruby><rb>尹錫悦</rb><rp>（</rp><rt>ユンソン"
        "ニョル</rt><rp>）</rp></ruby>大統領は３日夜、緊急談話を出した。</p></article>"
    )
    got = _read(tmp_path, page, "<title>子どもへの体罰を禁止</title>")
    assert got.title == "子どもへの体罰を禁止"
    assert [got.lead, *(b.text for b in got.blocks if b.type == "text")] == [
        "外国人の皆さんのために、わかりやすいことばでニュースを書きます。",
        "韓国の尹錫悦（ユンソンニョル）大統領は３日夜、緊急談話を出した。",
    ]


def test_a_headline_for_screen_readers_that_names_the_site_gives_the_title_without_it(
    tmp_path: Path,
) -> None:
    head = (
        "<title>EU-Taxonomie: Atomkraft ist nicht nachhaltig | Umweltbundesamt</title>"
        "<meta property='og:title' content='EU-Taxonomie: Atomkraft ist nicht nachhaltig'>"
        "<link rel='canonical' href='https://www.umweltbundesamt.de/presse/atom'>"
    )
    page = (
        "<h1 class='visuallyhidden'>EU-Taxonomie: Atomkraft ist nicht nachhaltig | "
        f"Umweltbundesamt</h1><article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    )
    assert _read(tmp_path, page, head).title == "EU-Taxonomie: Atomkraft ist nicht nachhaltig"


def test_a_headline_is_given_without_the_date_and_byline_set_in_its_box(tmp_path: Path) -> None:
    # (a blog's title box: its date, the headline, the byline and categories under it;
    # the page's h1 is the blog's own motto)
    head = (
        "<title>BeFifty Blog</title><script type='application/ld+json'>"
        '{"headline": "Das vielleicht schönste Ende der Welt: Montauk"}</script>'
    )
    page = (
        "<h1>Wann, wenn nicht jetzt...</h1><div class='blog-item-title'>"
        "<time datetime='2019-06-17'>Jun 17</time><h2 class='entry-title'>"
        "<time datetime='2019-06-17'>Jun 17 </time>Das vielleicht schönste Ende der Welt: "
        "Montauk</h2><div class='meta'>Beate Finken · Travel, Amerika</div></div>"
        f"<article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    )
    assert _read(tmp_path, page, head).title == "Das vielleicht schönste Ende der Welt: Montauk"


def test_a_line_height_class_does_not_make_a_lead(tmp_path: Path) -> None:
    # (Tailwind's leading-* classes set the height of lines; the subscription box above
    # the story is no lead, the teaser the page's description repeats is)
    teaser = "Eine Schneedecke auf der Photovoltaikanlage sorgt nicht nur für wenig Strom."
    head = f"<title>Schnee belastet Solarmodule</title><meta name='description' content='{teaser}'>"
    page = (
        "<div class='offer'><p class='text-gray-base md:leading-snug'><span>99,00 EUR</span> "
        "<span>im 1. Jahr danach 122,40 EUR / Jahr</span></p></div>"
        "<h2>Schnee belastet Solarmodule</h2>"
        f"<p class='text-xl leading-snug'>{teaser}</p>"
        f"<article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    )
    assert _read(tmp_path, page, head).lead == teaser


def test_the_date_shown_by_the_headline_outranks_another_posts_time(tmp_path: Path) -> None:
    story = f"<article>{_paras('Một.', 'Hai.', 'Ba.')}</article>"
    sidebar = (
        "<div class='recent'><a href='/cu'>Bài cũ</a> "
        "<time class='published updated' datetime='2009-04-11 18:06:36'>11.04.2009</time></div>"
    )
    cases = [
        # a list of other posts, each with its <time>, before the story's own date line
        f"{sidebar}{'<div>x</div>' * 10}<h1>Lũ trên sông</h1><p class='meta'>"
        f"<span class='published'>22. Oktober 2019</span></p>{story}",
        # the site's name in an h1 of its own (a logo's), the headline in another
        f"<a href='/'><h1 id='site-title'>Báo Lũ</h1></a>{sidebar}<p>Tin vắn 29.01.2019</p>"
        f"{'<div>x</div>' * 30}<h1>Lũ trên sông</h1><time datetime='2019-10-22'>22.10.2019"
        f"</time>{story}",
        # the day it was published beside the day it was changed
        "<h1>Lũ trên sông</h1><time class='entry-date published' datetime='2019-10-22T09:30'>"
        "22.10.2019</time><time class='updated' datetime='2019-10-21T23:00'>21.10.2019</time>"
        + story,
        # a day marked "updated" alone (hAtom's name for it) still dates the page
        "<h1>Lũ trên sông</h1><span class='updated' title='2019-10-22T18:52:11+00:00'></span>"
        + story,
    ]
    for n, page in enumerate(cases):
        got = _read(tmp_path / str(n), page)
        assert (got.date, got.date_source) == ("2019-10-22", "page"), n


def test_a_heading_naming_the_list_after_the_story_ends_it(tmp_path: Path) -> None:
    long = PROSE * 2
    for n, heading in enumerate(["Mehr zu Wärmepumpe", "Weitere Tourentipps in Schweden"]):
        page = (
            f"<h1>Lũ</h1><article><p>{long}</p><p>{long}</p><p>{long}</p><h3>{heading}</h3>"
            "<p>Wärmepumpe im Altbau</p><p>Wärmepumpe mieten</p><p>Förderung 2022</p></article>"
        )
        got = _read(tmp_path / str(n), page)
        assert [b.text for b in got.blocks if b.type == "text"] == [long, long], heading
    # the same words opening a part of the story, long paragraphs after it, stay
    page = (
        f"<h1>Lũ</h1><article><p>{long}</p><p>{long}</p><h3>Mehr zu Wärmepumpe</h3>"
        f"<p>{long}</p><p>{long}</p></article>"
    )
    texts = [b.text for b in _read(tmp_path / "in", page).blocks if b.type == "text"]
    assert "Mehr zu Wärmepumpe" in texts and texts[-1] == long


def test_a_date_line_over_the_story_dates_it_and_is_not_its_lead(tmp_path: Path) -> None:
    first = "Im aktuellen Test wurden 18 Kindersitze in punkto Sicherheit und Bedienung geprüft."
    for n, line in enumerate(["23.10.2018", "Veröffentlichung: 23. Oktober 2018"]):
        page = (
            f"<h1>18 Kindersitze im Test</h1><div class='content'><p>{line}</p><p>{first}</p>"
            f"<p>{PROSE}</p><p>Am 2. Februar 2019 kam der nächste Test.</p></div>"
        )
        got = _read(tmp_path / str(n), page)
        assert (got.lead, got.date, got.date_source) == (first, "2018-10-23", "page"), line
        assert [b.text for b in got.blocks if b.type == "text"] == [
            PROSE,
            "Am 2. Februar 2019 kam der nächste Test.",
        ]
