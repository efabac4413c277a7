"""Vietnamese strings of the user interface (source: English)."""

VI: dict[str, str] = {
    "Text read from the picture by OCR, sure of %1% of the words": (
        "Chữ nhận dạng từ ảnh bằng OCR, chắc chắn với %1% số từ"
    ),
    "%1, %2 shown": "%1, đang hiện %2",
    "1 hit": "1 kết quả",
    "%1 hits": "%1 kết quả",
    "%1 of %2 marked": "chỗ đánh dấu %1/%2",
    "%1 photos": "%1 ảnh",
    "1 photo": "1 ảnh",
    "&File": "&Tệp",
    "&Help": "&Trợ giúp",
    "&Open archive…": "&Mở kho lưu trữ…",
    "&Photos": "&Hình ảnh",
    "&Problems": "&Sự cố",
    "&Quit": "T&hoát",
    "&Reader": "Đọc &bài",
    "&Rebuild index": "&Lập lại chỉ mục từ đầu",
    "&Check the archive…": "&Kiểm tra kho…",
    "Check the archive": "Kiểm tra kho",
    "The archive could not be read into its index.": "Không đọc được kho vào chỉ mục.",
    "Every file was read: no problems.": "Đã đọc mọi tệp: không có sự cố.",
    "Scans wait for Tesseract; install it with:": "Các bản quét đang chờ Tesseract; cài bằng lệnh:",
    "Copy the command": "Chép lệnh",
    "The index cannot be used: build it again.": "Không dùng được chỉ mục: hãy lập lại.",
    "Rebuild the index": "Lập lại chỉ mục",
    "Show the problems": "Xem các sự cố",
    "1 problem": "1 sự cố",
    "%1 problems": "%1 sự cố",
    "&Update index": "&Cập nhật chỉ mục",
    "&View": "&Xem",
    "(all)": "(tất cả)",
    "(no caption)": "(không có chú thích)",
    "100%": "100%",
    "A+": "A+",
    "A−": "A−",
    "All photos of the archive": "Mọi ảnh trong kho",
    "Archive: %1": "Kho: %1",
    "Articles found: %1 (%2 ms)": "Tìm thấy %1 bài (%2 ms)",
    "Building the index for the first time…": "Đang lập chỉ mục lần đầu…",
    "Cancel": "Hủy",
    "Choose a result to read it here.": "Chọn một kết quả để đọc bài ở đây.",
    "Clear filters": "Bỏ mọi bộ lọc",
    "Copy source URL": "Chép địa chỉ nguồn",
    "Did you mean: %1?": "Có phải bạn muốn tìm: %1?",
    "Embedded caption: %1": "Chú thích trong tệp ảnh: %1",
    "Filters": "Bộ lọc",
    "Fit": "Vừa khung",
    "From": "Từ ngày",
    "Full screen": "Toàn màn hình",
    "Index ready": "Chỉ mục sẵn sàng",
    "Index ready: %1": "Chỉ mục sẵn sàng: %1",
    "fast engine chosen for %1 articles": "đã chọn bộ máy nhanh cho %1 bài",
    "Indexing %1 of %2 (%3/s, %4 s left)": "Đang lập chỉ mục %1/%2 (%3 bài/giây, còn %4 giây)",
    "Indexing cancelled; the index is as it was": "Đã hủy lập chỉ mục; chỉ mục giữ nguyên như cũ",
    "Indexing failed": "Lập chỉ mục thất bại",
    "No index to search: indexing failed": "Chưa có chỉ mục để tìm: lập chỉ mục thất bại",
    "Indexing…": "Đang lập chỉ mục…",
    "Language": "Ngôn ngữ",
    "Larger text": "Chữ to hơn",
    "Missing photo: %1": "Thiếu ảnh: %1",
    "Photo not saved with the page (never fetched):": (
        "Ảnh không được lưu cùng trang (không tải về):"
    ),
    "Most relevant": "Phù hợp nhất",
    "Newest first": "Mới nhất trước",
    "Next hit (F3)": "Chỗ khớp sau (F3)",
    "Next": "Ảnh sau",
    "No index yet": "Chưa có chỉ mục",
    "Oldest first": "Cũ nhất trước",
    "Only articles with photos": "Chỉ bài có ảnh",
    "Open an archive folder": "Mở thư mục kho lưu trữ",
    "Open archive…": "Mở kho…",
    "Open folder": "Mở thư mục",
    "Outlet": "Nguồn báo",
    "Photo": "Hình ảnh",
    "Photos of this article": "Ảnh của bài này",
    "Photos whose captions match the search": "Ảnh có chú thích khớp với từ tìm",
    "Photos": "Hình ảnh",
    "Previous hit (Shift+F3)": "Chỗ khớp trước (Shift+F3)",
    "Previous": "Ảnh trước",
    "Print…": "In…",
    "Problem": "Sự cố",
    "Problems": "Sự cố",
    "Problems: %1": "Sự cố: %1",
    "Query &syntax": "&Cú pháp tìm kiếm",
    "Query syntax": "Cú pháp tìm kiếm",
    "Reader": "Đọc bài",
    "Recent archives": "Kho mở gần đây",
    "Related articles": "Tin liên quan",
    "Rotate left": "Xoay trái",
    "Rotate right": "Xoay phải",
    "Save as PDF": "Lưu thành PDF",
    "Save as PDF…": "Lưu PDF…",
    "Search articles (with or without diacritics)…": "Tìm bài (gõ có dấu hoặc không dấu)…",
    "Search:": "Tìm:",
    "Show what could not be read": "Xem những gì không đọc được",
    "Smaller text": "Chữ nhỏ hơn",
    "Source:": "Nguồn:",
    "The photo cannot be shown.": "Không hiển thị được ảnh này.",
    "The photo file is missing.": "Không có tệp ảnh.",
    "To": "Đến ngày",
    "What happened": "Chi tiết",
    "What to do": "Cách xử lý",
    "Year": "Năm",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "%1 added to the basket": "Đã thêm %1 mục vào giỏ",
    "1 added to the basket": "Đã thêm 1 mục vào giỏ",
    "%1 articles": "%1 bài",
    "1 article": "1 bài",
    "%1, %2": "%1, %2",
    "%1 exists already. Replace it?": "%1 đã có. Thay thế?",
    "&Basket": "&Giỏ chọn",
    "&Export basket…": "&Xuất giỏ chọn…",
    "Add collection to basket": "Thêm bộ sưu tập vào giỏ",
    "Add to basket": "Thêm vào giỏ",
    "Article: %1": "Bài: %1",
    "Basket": "Giỏ chọn",
    "Basket: %1": "Giỏ: %1",
    "Choose…": "Chọn…",
    "Close": "Đóng",
    "Collections": "Bộ sưu tập",
    "Delete": "Xóa",
    "Empty basket": "Làm trống giỏ",
    "Export cancelled; nothing was written.": "Đã hủy xuất; không ghi gì cả.",
    "Export search &results…": "Xuất &kết quả tìm kiếm…",
    "Export to a file": "Xuất ra tệp",
    "Export to a new folder": "Xuất ra thư mục mới",
    "Export": "Xuất",
    "Exported %1 to %2 (%3).": "Đã xuất %1 vào %2 (%3).",
    "1 file": "1 tệp",
    "%1 files": "%1 tệp",
    "1 article with its photos": "1 bài cùng ảnh của bài",
    "%1 articles with their photos": "%1 bài cùng ảnh của các bài",
    "%1, and %2 chosen alone": "%1, và %2 chọn riêng",
    "The file's name": "Tên tệp",
    "Gathering the %1 results to export…": "Đang gom %1 kết quả để xuất…",
    "Could not gather the results: %1": "Không gom được kết quả: %1",
    "Exporting…": "Đang xuất…",
    "Export…": "Xuất…",
    "Name:": "Tên:",
    "Nothing is selected to export.": "Chưa chọn gì để xuất.",
    "Organisation": "Đơn vị",
    "Photo: %1 — %2": "Ảnh: %1 — %2",
    "Remove": "Bỏ khỏi giỏ",
    "Rename collection": "Đổi tên bộ sưu tập",
    "Rename…": "Đổi tên…",
    "Replace the target if it exists": "Thay thế nếu đã có",
    "Replace?": "Thay thế?",
    "Save as collection": "Lưu thành bộ sưu tập",
    "Save as collection…": "Lưu thành bộ sưu tập…",
    "Save to": "Lưu vào",
    "What": "Nội dung",
    "Your library (for BagIt)": "Thư viện của bạn (cho BagIt)",
    "Folder (copies of the files)": "Thư mục (bản sao các tệp)",
    "ZIP file": "Tệp ZIP",
    "BagIt bag (for repositories)": "Gói BagIt (cho kho lưu trữ số)",
    "PDF document": "Tài liệu PDF",
    "Web pages (offline folder)": "Trang web (thư mục xem ngoại tuyến)",
    "CSV table (Excel)": "Bảng CSV (Excel)",
    "JSON records": "Bản ghi JSON",
    "Tàng Thư never writes into an archive folder; choose another folder.": (
        "Tàng Thư không bao giờ ghi vào thư mục kho lưu trữ; hãy chọn thư mục khác."
    ),
    "The article is too long to show whole; export it to read the rest.": (
        "Bài quá dài để hiện trọn; hãy xuất bài ra để đọc phần còn lại."
    ),
    "%1 spelled exactly as typed (%2 ms)": "%1 bài viết đúng như đã gõ (%2 ms)",
    "%1 with these accents, %2 more without (%3 ms)": (
        "%1 bài đúng dấu, thêm %2 bài khi bỏ dấu (%3 ms)"
    ),
    "(no outlet)": "(không rõ nguồn)",
    "Search engine": "Bộ máy tìm kiếm",
    "By the archive's size": "Theo cỡ kho lưu trữ",
    "Whoosh (built in)": "Whoosh (có sẵn)",
    "tantivy (faster)": "tantivy (nhanh hơn)",
    "Rebuilding the index with the chosen engine…": "Đang lập lại chỉ mục bằng bộ máy đã chọn…",
    "— indexing %1 / %2": "— đang lập chỉ mục %1 / %2",
    "No articles found (%1 ms)": "Không tìm thấy bài nào (%1 ms)",
    "(undated)": "(không rõ ngày)",
    "Exact accents": "Đúng dấu",
    "%1 found by their words or their meaning (%2 ms)": (
        "%1 bài tìm theo từ ngữ hoặc theo ý nghĩa (%2 ms)"
    ),
    "%1 nearest in meaning, the closest first (%2 ms)": (
        "%1 bài gần nghĩa nhất, bài gần nhất trước (%2 ms)"
    ),
    "Build them": "Tạo ngay",
    "Build vectors for search by &meaning": "Tạo vectơ để tìm theo &ý nghĩa",
    "Building the vectors of search by meaning…": "Đang tạo vectơ để tìm theo ý nghĩa…",
    "Find articles by their words, by meaning (the nearest to the question, in any "
    "language), or both lists fused.": (
        "Tìm bài theo từ ngữ, theo ý nghĩa (các bài gần nhất với câu hỏi, viết bằng "
        "bất kỳ ngôn ngữ nào), hoặc gộp cả hai danh sách."
    ),
    "Find by": "Tìm theo",
    "Meaning": "Ý nghĩa",
    "Not now": "Để sau",
    "Search by meaning": "Tìm theo ý nghĩa",
    "Search by meaning needs its model, which is not installed (the 'meaning' extra).": (
        "Tìm theo ý nghĩa cần mô hình của nó, nhưng mô hình chưa được cài (gói bổ sung 'meaning')."
    ),
    "Search by meaning: %1 of %2 articles (%3 min left)": (
        "Tìm theo ý nghĩa: %1/%2 bài (còn %3 phút)"
    ),
    "Search by meaning: this archive has no vectors yet. Choose Meaning to build them "
    "(File → Build vectors for search by meaning).": (
        "Tìm theo ý nghĩa: kho này chưa có vectơ. Chọn Ý nghĩa để tạo "
        "(Tệp → Tạo vectơ để tìm theo ý nghĩa)."
    ),
    "This archive has no vectors for search by meaning yet. They are made once from each "
    "article's title and opening, and kept up to date by every index update. For a large "
    "archive this takes hours; you can go on searching by words meanwhile, and cancel it. "
    "Build them now?": (
        "Kho này chưa có vectơ để tìm theo ý nghĩa. Vectơ được tạo một lần từ tiêu đề và "
        "phần mở đầu của mỗi bài, rồi được cập nhật mỗi lần cập nhật chỉ mục. Với kho lớn "
        "việc này mất nhiều giờ; trong lúc đó bạn vẫn tìm theo từ ngữ được, và có thể hủy. "
        "Tạo ngay bây giờ?"
    ),
    "This archive has no vectors for search by meaning yet: build them (File → Build "
    "vectors for search by meaning), or search by words.": (
        "Kho này chưa có vectơ để tìm theo ý nghĩa: hãy tạo (Tệp → Tạo vectơ để tìm theo "
        "ý nghĩa), hoặc tìm theo từ ngữ."
    ),
    "Words": "Từ ngữ",
    "Words + meaning": "Từ ngữ + ý nghĩa",
    "More like this": "Bài tương tự",
    "Search by meaning stopped; the vectors made so far are kept": (
        "Đã dừng tạo vectơ tìm theo ý nghĩa; các vectơ đã tạo được giữ lại"
    ),
    "List the articles most like this one: nearest in meaning when the archive has vectors "
    "for it, else sharing its rarest words": (
        "Liệt kê các bài giống bài này nhất: gần nghĩa nhất khi kho đã có vectơ, nếu chưa "
        "thì theo những từ hiếm nhất của bài"
    ),
    "%1 articles like the one read (%2 ms)": "%1 bài tương tự bài đang đọc (%2 ms)",
    "found by words: search by meaning is not installed": (
        "tìm theo từ ngữ: chưa cài chức năng tìm theo ý nghĩa"
    ),
    "found by words: this archive has no vectors for search by meaning yet "
    "(File → Build vectors for search by meaning)": (
        "tìm theo từ ngữ: kho này chưa có vectơ để tìm theo ý nghĩa "
        "(Tệp → Tạo vectơ để tìm theo ý nghĩa)"
    ),
    "No article matches all these filters together": "Không bài nào thỏa cùng lúc mọi bộ lọc này",
    "No articles between %1 and %2": "Không có bài nào từ %1 đến %2",
    "No articles from %1": "Không có bài nào của %1",
    "No articles from %1 on": "Không có bài nào từ %1 trở đi",
    "No articles of %1": "Không có bài nào năm %1",
    "No articles up to %1": "Không có bài nào đến hết %1",
    "No articles with photos": "Không có bài nào có ảnh",
    "No articles without an outlet": "Không có bài nào không rõ nguồn",
    "No undated articles": "Không có bài nào không rõ ngày",
    "Only articles spelled with the accents as typed (đoàn, not đoán or doan)": (
        "Chỉ những bài viết đúng dấu như đã gõ (đoàn, không phải đoán hay doan)"
    ),
    "clear the filters": "bỏ các bộ lọc",
    "remove the date filter": "bỏ lọc theo ngày",
    "remove the outlet filter": "bỏ lọc theo nguồn",
    "remove the photo filter": "bỏ lọc bài có ảnh",
    "remove the year filter": "bỏ lọc theo năm",
    "%1 citations copied": "Đã chép trích dẫn của %1 bài",
    "1 citation copied": "Đã chép trích dẫn của 1 bài",
    "%1: %2": "%1: %2",
    "&Filters panel": "Bảng &lọc",
    "&Timeline": "&Dòng thời gian",
    "Articles per year": "Số bài theo năm",
    "Basket items": "Các mục trong giỏ",
    "Check the spelling, or use fewer words.": "Hãy xem lại chính tả, hoặc bớt từ.",
    "Clear all": "Bỏ hết",
    "Click a bar, or drag across bars, to keep only those dates": (
        "Bấm một cột, hoặc kéo qua nhiều cột, để chỉ giữ các ngày đó"
    ),
    "Copy citation": "Chép trích dẫn",
    "Copy path": "Chép đường dẫn",
    "Date": "Ngày",
    "Export these…": "Xuất các bài này…",
    "List:": "Danh sách:",
    "Like: %1": "Giống bài: %1",
    "Filters:": "Bộ lọc:",
    "Folder": "Thư mục",
    "No article holds “%1”.": "Không bài nào có “%1”.",
    "No articles are indexed yet.": "Chưa có bài nào được lập chỉ mục.",
    "No dates to show": "Không có ngày để hiện",
    "Open": "Mở",
    "Open the folder": "Mở thư mục",
    "Remove the filter %1": "Bỏ bộ lọc %1",
    "Remove this filter": "Bỏ bộ lọc này",
    "Results": "Kết quả",
    "Results as &cards": "Kết quả dạng &thẻ",
    "Results as a &table": "Kết quả dạng &bảng",
    "Results table": "Bảng kết quả",
    "Search order": "Thứ tự của tìm kiếm",
    "The filters are not the reason: there are none without them either.": (
        "Không phải do bộ lọc: bỏ lọc cũng không có bài nào."
    ),
    "Timeline of the articles found": "Dòng thời gian của các bài tìm được",
    "Title": "Tiêu đề",
    "Try: %1": "Thử: %1",
    "has photos": "có ảnh",
    "Text": "Văn bản",
    "Web page": "Trang web",
    "PDF": "PDF",
    "Word document": "Tài liệu Word",
    "Picture": "Ảnh, bản quét",
    "Web page (single file)": "Trang web (một tệp)",
    "OpenDocument text": "Văn bản OpenDocument",
    "See its %1 pages as pictures": "Xem %1 trang của tệp dưới dạng ảnh",
    "See the page as a picture": "Xem trang của tệp dưới dạng ảnh",
    "Read scans with &OCR": "Đọc bản quét bằng &OCR",
    "scans not read (no OCR)": "chưa đọc bản quét (thiếu OCR)",
    "No articles in %1 files": "Không có bài nào trong tệp %1",
    "remove the format filter": "bỏ lọc định dạng",
    "no outlet": "không rõ nguồn",
    "search without exact accents": "tìm không cần đúng dấu",
    "undated": "không rõ ngày",
    "year %1": "năm %1",
    "— sorted: the first %1 of %2 (scroll for more)": (
        "— đã sắp xếp: %1 bài đầu trong %2 (cuộn để xem thêm)"
    ),
    "PDF…": "PDF…",
    "In the article: %1": "Trong bài: %1",
    "Photo size": "Cỡ ảnh",
    "Photo size (Ctrl+wheel)": "Cỡ ảnh (Ctrl+lăn chuột)",
    "The article's photos": "Các ảnh của bài",
    "broken": "hỏng",
    "missing": "thiếu",
    "mirrored": "lật gương",
    "mirrored and turned (shown upright)": "lật gương và xoay (hiện đã dựng thẳng)",
    "mirrored, upside down (shown upright)": "lật gương, ngược đầu (hiện đã dựng thẳng)",
    "turned a quarter (shown upright)": "xoay một góc vuông (hiện đã dựng thẳng)",
    "upright": "thẳng",
    "upside down (shown upright)": "ngược đầu (hiện đã dựng thẳng)",
    "Search: %1": "Tìm kiếm: %1",
    "Title or file": "Tiêu đề hoặc tệp",
    "&Keyboard shortcuts": "&Phím tắt",
    "A minus (or NOT) leaves out the articles with that word.": (
        "Dấu trừ (hoặc NOT) bỏ các bài có từ đó."
    ),
    "A star finds the words that start so.": "Dấu sao tìm các từ bắt đầu như vậy.",
    "A tilde finds close spellings too.": "Dấu ngã (~) tìm cả các từ viết gần giống.",
    "Action": "Thao tác",
    "Back to the results": "Về danh sách kết quả",
    "Click an example to search for it.": "Bấm vào một ví dụ để tìm thử.",
    "Go to the search field": "Đến ô tìm kiếm",
    "Keyboard shortcuts": "Phím tắt",
    "Keys": "Phím",
    "OR between two words: either of them.": "OR giữa hai từ: có một trong hai từ.",
    "Quotation marks keep words side by side, in that order.": (
        "Dấu ngoặc kép giữ các từ đứng liền nhau, đúng thứ tự."
    ),
    "title:, caption:, author:, outlet: look in one part of the article.": (
        "title:, caption:, author:, outlet: chỉ tìm trong một phần của bài (tiêu đề, chú thích, "
        "tác giả, nguồn)."
    ),
    "All the words must appear. Typed without diacritics they find every spelling; typed with "
    "them, the exact spellings come first.": (
        "Bài phải có đủ mọi từ. Gõ không dấu sẽ tìm mọi cách viết; gõ có dấu thì các bài viết đúng "
        "dấu xếp trước."
    ),
    "Dates, outlets and photos are filters: the panel on the left, the timeline and the chips "
    "above the list.": (
        "Ngày, nguồn báo và ảnh là bộ lọc: bảng bên trái, dòng thời gian và các nhãn phía trên "
        "danh sách."
    ),
    "Open with the system": "Mở bằng chương trình của máy",
    "Article": "Bài viết",
    "Order": "Thứ tự",
    "Organization": "Tổ chức",
    "Search words": "Từ cần tìm",
    "Which photos": "Những ảnh nào",
    "No article is open.": "Chưa mở bài nào.",
    "This article names no photos.": "Bài này không có ảnh nào.",
    "No photo caption holds the words searched (or they are filtered out).": (
        "Không chú thích ảnh nào có các từ đã tìm (hoặc chúng bị lọc bỏ)."
    ),
    "The archive has no photos.": "Kho không có ảnh nào.",
    "RIS references (Zotero, EndNote)": "Tài liệu tham khảo RIS (Zotero, EndNote)",
    "CSL-JSON references": "Tài liệu tham khảo CSL-JSON",
    "Citation style": "Kiểu trích dẫn",
    "Note": "Ghi chú",
    "Note:": "Ghi chú:",
    "Note: %1": "Ghi chú: %1",
    "Tag": "Gắn nhãn",
    "Tag for %1 items:": "Nhãn cho %1 mục:",
    "Tag for 1 item:": "Nhãn cho 1 mục:",
    "Tags": "Nhãn",
    "Tags (separated by commas):": "Nhãn (cách nhau bằng dấu phẩy):",
    "Tags and note": "Nhãn và ghi chú",
    "Tags: %1": "Nhãn: %1",
    "Tags…": "Nhãn…",
    "Tag…": "Gắn nhãn…",
    "Your tags": "Nhãn của bạn",
    "Your tags and note on this article": "Nhãn và ghi chú của bạn cho bài này",
    "lũ lụt, Lào Cai": "lũ lụt, Lào Cai",
    "(no words)": "(không có từ)",
    "Import a shared file…": "Nhập tệp được chia sẻ…",
    "Import saved searches": "Nhập các tìm kiếm đã lưu",
    "Rename": "Đổi tên",
    "Save this search": "Lưu tìm kiếm này",
    "Save this search…": "Lưu tìm kiếm này…",
    "Saved searches": "Tìm kiếm đã lưu",
    "Share as a file…": "Chia sẻ thành tệp…",
    "Share saved searches": "Chia sẻ các tìm kiếm đã lưu",
    "updated: %1 new, %2 changed, %3 removed": "vừa cập nhật: %1 bài mới, %2 bài đổi, %3 bài bị bỏ",
    " and %1 more": " và %1 bài nữa",
    "Also in %1: %2": "Cũng có trong %1: %2",
    "No photo is used in more than one article (or the index is older).": (
        "Không ảnh nào dùng trong hơn một bài (hoặc chỉ mục đã cũ)."
    ),
    "Photos used in several articles": "Ảnh dùng trong nhiều bài",
    "Archive": "Kho",
    "Author": "Tác giả",
    "Archives": "Các kho",
    "Tick archives to search them with this one; double-click one to show it": (
        "Đánh dấu các kho để tìm cùng kho này; bấm đúp một kho để mở nó"
    ),
    "&User guide": "&Hướng dẫn sử dụng",
    "User guide": "Hướng dẫn sử dụng",
    "The user guide is missing from this installation.": "Bản cài đặt này thiếu hướng dẫn sử dụng.",
    "Explore the sample": "Xem thử kho mẫu",
    "Indexes, your basket, tags, notes and saved searches": (
        "Chỉ mục, giỏ chọn, nhãn, ghi chú và tìm kiếm đã lưu"
    ),
    "Open your archive…": "Mở kho của bạn…",
    "Settings": "Cài đặt",
    "The sample archive is open now, to try things out.": "Kho mẫu đang mở để bạn dùng thử.",
    "The user guide is in the Help menu (%1).": (
        "Hướng dẫn sử dụng nằm trong trình đơn Trợ giúp (%1)."
    ),
    "Thumbnails": "Ảnh thu nhỏ",
    "Welcome to Tàng Thư": "Chào mừng đến với Tàng Thư",
    "Your archive is never written to.": "Tàng Thư không bao giờ ghi vào kho của bạn.",
    "Tàng Thư searches, reads and exports press archives kept as folders: one folder per "
    "article, with its text file and its photos. It works without internet.": (
        "Tàng Thư tìm, đọc và xuất kho báo lưu thành thư mục: mỗi bài một thư mục, gồm tệp văn bản "
        "và ảnh của bài. Không cần Internet."
    ),
    "Nothing in it is changed, renamed or added. What Tàng Thư makes is kept here:": (
        "Không tệp nào trong kho bị sửa, đổi tên hay thêm vào. Những gì Tàng Thư tạo ra nằm ở đây:"
    ),
    "%1 more photos are not shown here; the Photos tab shows them all.": (
        "Còn %1 ảnh không hiện ở đây; thẻ Ảnh hiện đủ tất cả."
    ),
}
