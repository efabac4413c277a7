"""Vietnamese strings of corrections, of how articles are dated and of trusted links
(source: English)."""

VI_EDITING: dict[str, str] = {
    "Corrected": "Đã sửa",
    "Metadata": "Siêu dữ liệu",
    "Dateline": "Đầu bài",
    "Estimate": "Ước tính",
    "Undated": "Không ngày",
    "dated: %1": "cách ghi ngày: %1",
    "How dated": "Cách ghi ngày",
    "How the article is dated": "Ngày của bài lấy từ đâu",
    "Leave out estimated dates": "Bỏ qua ngày ước tính",
    "A date estimated from lower in the text or from the photos counts as none: in the dates, the"
    " year list and the timeline": (
        "Ngày ước tính (từ phần dưới bài hoặc từ ảnh) coi như không có: trong lọc ngày, danh sách"
        " năm và biểu đồ thời gian"
    ),
    "corrected by you": "do bạn sửa",
    "title": "tiêu đề",
    "date": "ngày",
    "author": "tác giả",
    "outlet": "nguồn báo",
    "description": "mô tả",
    "(nothing)": "(không có)",
    "revert": "hoàn lại",
    "Revert all": "Hoàn lại tất cả",
    "Corrected by you. The file says:": "Bạn đã sửa. Tệp ghi:",
    "Edit details…": "Sửa thông tin…",
    "Edit details": "Sửa thông tin",
    "Correct the title, date, author, outlet or description (the file is not changed) "
    "(Ctrl+Shift+D)": (
        "Sửa tiêu đề, ngày, tác giả, nguồn báo hoặc mô tả (tệp không bị thay đổi) (Ctrl+Shift+D)"
    ),
    "Description": "Mô tả",
    "2016-12-27, 2016-12 or 2016": "2016-12-27, 2016-12 hoặc 2016",
    "A day, a month or a year: write only what is known (27/12/2016 and 12/2016 are understood "
    "too)": ("Ngày, tháng hoặc năm: chỉ ghi điều đã biết (cũng hiểu 27/12/2016 và 12/2016)"),
    "Change %1": "Đổi %1",
    "✎ Corrected. The file says: %1": "✎ Đã sửa. Tệp ghi: %1",
    "Revert": "Hoàn lại",
    "Revert %1": "Hoàn lại %1",
    "Corrections are kept in your data folder, never in the archive's files, and are searched, "
    "sorted and exported in place of what the files say.": (
        "Chỗ sửa được lưu trong thư mục dữ liệu của bạn, không bao giờ ghi vào tệp của kho; khi "
        "tìm, sắp xếp và xuất, chỗ sửa thay cho điều tệp ghi."
    ),
    "Corrected 1 article": "Đã sửa 1 bài",
    "Corrected %1 articles": "Đã sửa %1 bài",
    "Links that lead out of the archive are not followed. Trust the folder one leads to "
    "only if it is part of this archive (another disk of it): its files are then read as "
    "the archive's.": (
        "Liên kết dẫn ra ngoài kho không được đi theo. Chỉ tin thư mục mà một liên kết dẫn "
        "tới nếu nó là một phần của kho này (một ổ đĩa khác của kho): khi đó tệp trong đó "
        "được đọc như tệp của kho."
    ),
    "Trust this folder": "Tin thư mục này",
    "Trusted": "Đã tin",
}
