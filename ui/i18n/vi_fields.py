"""Vietnamese of where a date comes from (`tangthu.archive.dates.DATE_SOURCES`) and of a
photo's fields (EXIF, IPTC, XMP); source: English."""

VI_FIELDS: dict[str, str] = {
    "month from the folder, day from the top of the article": (
        "tháng theo tên thư mục, ngày theo đầu bài"
    ),
    "from the source address": "theo địa chỉ nguồn",
    "the photo's own date: when taken, else its IPTC date": (
        "ngày của chính ảnh: ngày chụp, nếu không có thì ngày IPTC"
    ),
    "published date in the saved page": "ngày đăng ghi trong trang đã lưu",
    "stated at the top of the article": "ghi ở đầu bài",
    "estimated: a date mentioned in the article": "ước tính: một ngày được nhắc trong bài",
    "Camera": "Máy ảnh",
    "Headline": "Tiêu đề ảnh",
    "Creator": "Người chụp",
    "Keywords": "Từ khóa",
    "Created": "Ngày tạo (IPTC)",
    "File": "Tệp",
    "Format": "Định dạng",
    "GPS": "GPS",
    "Orientation": "Hướng ảnh",
    "Size": "Kích thước",
    "Taken": "Ngày chụp",
    "from the folder name": "theo tên thư mục",
    "from the metadata file": "theo tệp siêu dữ liệu",
    "estimated from the photos' EXIF dates": "ước tính theo ngày chụp trong EXIF của ảnh",
    "estimated: day in the text, year from the photos' EXIF": (
        "ước tính: ngày trong bài, năm theo EXIF của ảnh"
    ),
}
