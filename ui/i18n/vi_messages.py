"""Vietnamese of the core's failures (`ui/errors.py`) and of the advice for each kind of
problem in the archive (`archive.model.PROBLEM_KINDS`); source: English."""

VI_MESSAGES: dict[str, str] = {
    # advice for each kind of problem (archive.model.PROBLEM_KINDS)
    "Check that the folder exists and that you may read it.": (
        "Kiểm tra thư mục còn đó và bạn có quyền đọc."
    ),
    "Check that you may read the file; rename it if its name is garbled.": (
        "Kiểm tra quyền đọc tệp; đổi tên tệp nếu tên bị lỗi phông."
    ),
    "A link leads in a circle or back to a folder already read; remove it if it should lead to "
    "a file.": (
        "Một liên kết dẫn vòng hoặc về thư mục đã đọc; hãy xóa nó nếu nó cần dẫn tới một tệp."
    ),
    "This is not text; move it out of the archive if it is not an article.": (
        "Đây không phải văn bản; chuyển tệp ra khỏi kho nếu nó không phải bài viết."
    ),
    "Open the file in a text editor and save it as UTF-8.": (
        "Mở tệp bằng trình soạn thảo và lưu lại dạng UTF-8."
    ),
    "Fill in the article file, or remove it.": "Điền nội dung cho tệp bài viết, hoặc xóa tệp.",
    "Split the file into separate articles.": "Tách tệp thành các bài riêng.",
    "Put the photo in the article's folder, or correct its name in the article.": (
        "Đặt ảnh vào thư mục của bài, hoặc sửa tên ảnh trong bài."
    ),
    "Replace the photo with an undamaged copy.": "Thay ảnh bằng một bản không hỏng.",
    "Open the file in the program that made it and save it again, or replace it with an "
    "undamaged copy.": "Mở tệp bằng chương trình đã tạo ra nó rồi lưu lại, hoặc thay bằng "
    "một bản không hỏng.",
    "Its scanned pages are read only with OCR (Tesseract); the rest of the document is "
    "read.": "Các trang quét chỉ đọc được bằng OCR (Tesseract); phần còn lại của tài liệu "
    "vẫn được đọc.",
    "The rest of the document was left out; split it or save it again.": (
        "Phần còn lại của tài liệu bị bỏ qua; hãy tách nhỏ hoặc lưu lại tệp."
    ),
    "Replace the photo with a complete copy.": "Thay ảnh bằng một bản đầy đủ.",
    "Save a smaller copy of the photo with an image editor.": (
        "Dùng trình sửa ảnh lưu một bản ảnh nhỏ hơn."
    ),
    "Correct the JSON file beside the article.": "Sửa tệp JSON đặt cạnh bài.",
    "Split the article into several, or name fewer photos in it.": (
        "Tách bài thành nhiều bài, hoặc ghi ít ảnh hơn trong bài."
    ),
    "Copy the file into the archive, or trust the folder the link leads to if it is part "
    "of the archive (File → Check the archive).": (
        "Chép tệp vào kho, hoặc tin thư mục mà liên kết dẫn tới nếu nó là một phần của kho "
        "(Tệp → Kiểm tra kho)."
    ),
    "The article was moved, renamed or removed: move it back, or revert the correction "
    "(main.py edit ID --revert all) and correct it again.": (
        "Bài đã bị chuyển, đổi tên hoặc xóa: chuyển lại chỗ cũ, hoặc hoàn lại chỗ sửa "
        "(main.py edit ID --revert all) rồi sửa lại."
    ),
    "your corrections file could not be read; it was kept under this name": (
        "không đọc được tệp chỗ sửa của bạn; tệp được giữ lại dưới tên này"
    ),
    "Your corrections could not be read and start over; the file was kept under the name "
    "shown: open it to see what it held.": (
        "Không đọc được chỗ sửa của bạn nên bắt đầu lại từ đầu; tệp được giữ lại dưới tên "
        "đã nêu: mở nó để xem nội dung cũ."
    ),
    "a correction of yours is kept for this article, which is no longer here": (
        "bạn có một chỗ sửa cho bài này, nhưng bài không còn ở đây"
    ),
    "Replace it with an ordinary file, or move it out of the archive.": (
        "Thay bằng một tệp thông thường, hoặc chuyển nó ra khỏi kho."
    ),
    # failures of the core (ui.errors.MESSAGES)
    "%1 holds no word to search for.": "%1 không chứa từ nào để tìm.",
    "%1: needs something after it, in quotes if it has spaces.": (
        "Sau %1: cần có nội dung, đặt trong ngoặc kép nếu có dấu cách."
    ),
    "There is no index for this archive yet; update the index (F5).": (
        "Kho này chưa có chỉ mục; hãy cập nhật chỉ mục (F5)."
    ),
    "The index is of an older version; rebuild it (File → Rebuild index).": (
        "Chỉ mục thuộc phiên bản cũ; hãy lập lại (Tệp → Lập lại chỉ mục từ đầu)."
    ),
    "This index was not made by Tàng Thư, or is damaged: rebuild it (File → Rebuild "
    "index). Nothing in it was run.": (
        "Chỉ mục này không do Tàng Thư tạo ra, hoặc đã hỏng: hãy lập lại (Tệp → Lập lại chỉ "
        "mục từ đầu). Không gì trong đó được chạy."
    ),
    "The index folder %1 holds other files; an index is built only in a new or empty "
    "folder (or in its own). Choose another folder.": (
        "Thư mục chỉ mục %1 đang chứa tệp khác; chỉ mục chỉ được lập trong thư mục mới hoặc "
        "trống (hoặc thư mục chỉ mục của nó). Hãy chọn thư mục khác."
    ),
    "The index cannot be opened; rebuild it (File → Rebuild index).": (
        "Không mở được chỉ mục; hãy lập lại (Tệp → Lập lại chỉ mục từ đầu)."
    ),
    "Another indexing run is writing to this index; try again when it ends.": (
        "Một lượt lập chỉ mục khác đang ghi vào chỉ mục này; hãy thử lại khi lượt đó xong."
    ),
    "Indexing failed.": "Lập chỉ mục thất bại.",
    "The index folder %1 is inside the archive; Tàng Thư never writes into an archive. Choose "
    "a folder outside it.": (
        "Thư mục chỉ mục %1 nằm trong kho lưu trữ; Tàng Thư không bao giờ ghi vào kho. Hãy chọn "
        "thư mục bên ngoài."
    ),
    "The disk holding the index (%1) is full: indexing stopped, and the index keeps what it "
    "held before. Free some space and run it again.": (
        "Ổ đĩa chứa chỉ mục (%1) đã đầy: việc lập chỉ mục đã dừng, chỉ mục giữ nguyên những gì đã "
        "có. Hãy giải phóng dung lượng rồi chạy lại."
    ),
    "The indexing process ended unexpectedly.": "Tiến trình lập chỉ mục dừng bất thường.",
    "The search engine %1 is not installed.": "Bộ máy tìm kiếm %1 chưa được cài.",
    "The query is %1 characters long; the limit is %2.": (
        "Câu tìm kiếm dài %1 ký tự; giới hạn là %2."
    ),
    "The query has more than %1 words; shorten it.": "Câu tìm kiếm có hơn %1 từ; hãy rút ngắn.",
    "The query could not be understood.": "Không hiểu được câu tìm kiếm.",
    "%1 is no longer in the archive; update the index (F5).": (
        "%1 không còn trong kho; hãy cập nhật chỉ mục (F5)."
    ),
    "%1 is not inside the archive.": "%1 không nằm trong kho lưu trữ.",
    "%1 exists already; choose another name or allow replacing it.": (
        "%1 đã có; hãy chọn tên khác hoặc cho phép thay thế."
    ),
    "%1 is inside the archive, which Tàng Thư never writes to; choose a folder outside it.": (
        "%1 nằm trong kho lưu trữ, nơi Tàng Thư không bao giờ ghi vào; hãy chọn thư mục bên ngoài."
    ),
    "%1 holds the archive %2; an export never replaces it. Choose a new name for the export.": (
        "%1 chứa kho lưu trữ %2; bản xuất không bao giờ thay thế nó. Hãy chọn tên mới."
    ),
    "%1 is a folder that Tàng Thư did not write, or that holds files it did not write: an "
    "export never replaces it. Choose a new name.": (
        "%1 là thư mục không do Tàng Thư ghi, hoặc chứa tệp không do Tàng Thư ghi: bản xuất không "
        "bao giờ thay thế nó. Hãy chọn tên mới."
    ),
    "The folder %1 does not exist; create it first.": "Thư mục %1 không tồn tại; hãy tạo trước.",
    "Tàng Thư may not write to %1; choose another folder.": (
        "Tàng Thư không được phép ghi vào %1; hãy chọn thư mục khác."
    ),
    "The disk holding %1 is full; nothing was written. Free some space.": (
        "Ổ đĩa chứa %1 đã đầy; chưa ghi gì. Hãy giải phóng bớt dung lượng."
    ),
    "Writing %1 failed (%2); nothing was written.": "Ghi %1 thất bại (%2); chưa ghi gì.",
    "The bag did not validate (%1); nothing was written.": (
        "Gói BagIt không hợp lệ (%1); chưa ghi gì."
    ),
    "There is no export format called %1.": "Không có định dạng xuất tên %1.",
    "None of the chosen items could be found; nothing was exported.": (
        "Không tìm thấy mục nào đã chọn; chưa xuất gì."
    ),
    "A collection named %1 already exists.": "Đã có bộ sưu tập tên %1.",
    "There is no collection named %1.": "Không có bộ sưu tập tên %1.",
    "A collection needs a name.": "Bộ sưu tập cần có tên.",
    "A saved search needs a name.": "Tìm kiếm đã lưu cần có tên.",
    "A saved search is already called %1.": "Đã có tìm kiếm đã lưu tên %1.",
    "%1 is not a file of saved searches.": "%1 không phải tệp tìm kiếm đã lưu.",
    "This search cannot be saved: one of its values is not valid.": (
        "Không lưu được tìm kiếm này: một giá trị của nó không hợp lệ."
    ),
    # problem kinds (ui/problem_texts.KIND_NAMES)
    "Folder not readable": "Không đọc được thư mục",
    "File not readable": "Không đọc được tệp",
    "Link in a circle": "Liên kết vòng",
    "Not text": "Không phải văn bản",
    "Unknown encoding": "Bảng mã không rõ",
    "Empty article": "Bài trống",
    "File too large": "Tệp quá lớn",
    "Photo missing": "Thiếu ảnh",
    "Damaged photo": "Ảnh hỏng",
    "Incomplete photo": "Ảnh không trọn",
    "Photo too large": "Ảnh quá lớn",
    "Faulty metadata file": "Tệp siêu dữ liệu lỗi",
    "Too many photos": "Quá nhiều ảnh",
    "Link out of the archive": "Liên kết ra ngoài kho",
    "Correction of a missing article": "Chỗ sửa của bài không còn",
    "Corrections unreadable": "Không đọc được chỗ sửa",
    "Not an ordinary file": "Không phải tệp thông thường",
    "Damaged document": "Tài liệu bị hỏng",
    "Scans not read (no OCR)": "Chưa đọc được bản quét (thiếu OCR)",
    "Scan not read in full (OCR)": "Bản quét chưa đọc hết (OCR)",
    "Tesseract did not finish reading the scan in the time a file may take; a smaller or "
    "cleaner scan reads faster. Update the index to try again.": (
        "Tesseract chưa đọc xong bản quét trong thời gian dành cho một tệp; bản quét nhỏ hơn "
        "hoặc rõ hơn sẽ đọc nhanh hơn. Cập nhật chỉ mục để thử lại."
    ),
    "the file could not be read (%1)": "không đọc được tệp (%1)",
    "a picture inside it (%1, %2 MB) was left out; pictures above %3 MB are not kept": (
        "bỏ qua một ảnh trong tệp (%1, %2 MB); ảnh lớn hơn %3 MB không được giữ"
    ),
    "its pictures beyond the first %1 MB were left out": (
        "các ảnh trong tệp vượt quá %1 MB đầu tiên đã bị bỏ qua"
    ),
    "only its first %1 paragraphs were read": "chỉ đọc %1 đoạn đầu",
    "reading stopped after %1 s, at paragraph %2": "dừng đọc sau %1 giây, ở đoạn %2",
    "page %1 was not read: it shows a picture of %2×%3 pixels": (
        "không đọc trang %1: trang có một hình %2×%3 điểm ảnh"
    ),
    "page %1 was not read: it shows a picture whose size cannot be read": (
        "không đọc trang %1: trang có một hình không đọc được kích thước"
    ),
    "OCR did not finish on %1 of its %2 scanned pages: %3": (
        "OCR chưa đọc xong %1/%2 trang quét: %3"
    ),
    "Tesseract took longer than %1 s to read it": "Tesseract đọc mất hơn %1 giây nên đã dừng",
    "Tesseract was stopped (signal %1) while reading it": (
        "Tesseract bị dừng (tín hiệu %1) khi đang đọc"
    ),
    "Tesseract could not read it (%1)": "Tesseract không đọc được (%1)",
    "there was no time left to read it with OCR": "không còn thời gian để đọc bằng OCR",
    "the picture could not be prepared for OCR (%1)": "không chuẩn bị được hình để đọc OCR (%1)",
    "Tesseract is not installed; to read scans, run: %1": (
        "Chưa cài Tesseract; để đọc bản quét, hãy chạy: %1"
    ),
    "Tesseract has no Vietnamese model; to read scans, run: %1": (
        "Tesseract chưa có dữ liệu tiếng Việt; để đọc bản quét, hãy chạy: %1"
    ),
    "Tesseract does not start (%1); reinstall it: %2": (
        "Tesseract không chạy được (%1); hãy cài lại: %2"
    ),
    "Install Tesseract and its Vietnamese model to read scans: sudo apt-get install "
    "tesseract-ocr tesseract-ocr-vie": "Cài Tesseract và dữ liệu tiếng Việt để đọc bản "
    "quét: sudo apt-get install tesseract-ocr tesseract-ocr-vie",
    "Scanned pages": "Trang quét",
    "Document read in part": "Tài liệu chỉ đọc được một phần",
    "Story found by guess": "Nội dung bài được đoán",
    "no part of the page is marked as its story: the part with the most prose was taken": (
        "trang không đánh dấu phần nào là nội dung bài: đã lấy phần có nhiều văn xuôi nhất"
    ),
    "The page's layout names no part as its story; check in the reader that the story "
    "shown is the whole of it.": (
        "Bố cục trang không chỉ ra phần nào là nội dung bài; hãy xem trong khung đọc để chắc "
        "nội dung hiện ra là đủ."
    ),
    "no story was found in it": "không tìm thấy nội dung bài trong tệp",
    "the file is too complex to read": "tệp quá phức tạp để đọc",
    "not a web page that can be read (%1)": "không phải trang web đọc được (%1)",
    "not a PDF that can be read (%1)": "không phải tệp PDF đọc được (%1)",
    "not a single-file web page (%1)": "không phải trang web một tệp (%1)",
    "the PDF could not be read (%1)": "không đọc được tệp PDF (%1)",
    "only the first %1 of its %2 pages were read": "chỉ đọc %1 trang đầu trong %2 trang",
    "reading stopped after %1 s, at page %2 of %3": "dừng đọc sau %1 giây, ở trang %2/%3",
    "%1 of its %2 pages have no text layer (a scan), and OCR found no text on them": (
        "%1/%2 trang không có lớp chữ (bản quét), và OCR không tìm thấy chữ trên đó"
    ),
    "not a ZIP package (%1)": "không phải gói ZIP (%1)",
    "holds %1 parts; too many to read": "có %1 phần; quá nhiều để đọc",
    "unpacks to more than %1 MB; it is not read": "giải nén ra hơn %1 MB; không đọc",
    "has no %1: not a document of this kind": "không có %1: không phải tài liệu loại này",
    "its text is larger than %1 MB": "phần chữ lớn hơn %1 MB",
    "the Word file could not be read (%1)": "không đọc được tệp Word (%1)",
    "the OpenDocument file could not be read (%1)": "không đọc được tệp OpenDocument (%1)",
    # what happened (ui/problem_texts.DETAILS)
    "the photo file is empty": "tệp ảnh trống",
    "too many pixels to open safely": "quá nhiều điểm ảnh để mở an toàn",
    "not a picture in a format Tàng Thư reads": "không phải ảnh ở định dạng Tàng Thư đọc được",
    "not a readable image (%1)": "không đọc được ảnh (%1)",
    "the picture's data ends before its end": "dữ liệu ảnh dừng trước khi hết ảnh",
    "%1×%2 pixels is too many to open safely": "%1×%2 điểm ảnh là quá nhiều để mở an toàn",
    "the %1 data ends before its end marker": "dữ liệu %1 dừng trước dấu kết thúc",
    "larger than %1 bytes; it is not read": "lớn hơn %1 byte; không được đọc",
    "not valid JSON (%1)": "không phải JSON hợp lệ (%1)",
    "the JSON is nested too deeply to read": "JSON lồng quá sâu để đọc",
    "the JSON is not an object": "JSON không phải một đối tượng",
    "%1 bytes; articles above %2 bytes are not read": (
        "%1 byte; bài lớn hơn %2 byte không được đọc"
    ),
    "the article file is empty": "tệp bài viết trống",
    "names %1 photos; the first %2 are kept": "ghi %1 ảnh; chỉ giữ %2 ảnh đầu",
    "%1 names %2, which is not in the article's folder": (
        "%1 ghi ảnh %2, nhưng ảnh không có trong thư mục của bài"
    ),
    "%1 more photos it names are not in the article's folder": (
        "thêm %1 ảnh bài ghi tên không có trong thư mục của bài"
    ),
    "a link to %1, outside the archive; it is not followed": (
        "liên kết tới %1, ngoài kho; không đi theo"
    ),
    "a named pipe, a device or a folder, not a photo file": (
        "một ống dẫn, thiết bị hoặc thư mục, không phải tệp ảnh"
    ),
    "a named pipe, a device or a socket, not a file; it is not read": (
        "một ống dẫn, thiết bị hoặc socket, không phải tệp; không được đọc"
    ),
    "a folder, not a file; it is not read": "một thư mục, không phải tệp; không được đọc",
    "a named pipe, not a file; it is not read": "một ống dẫn, không phải tệp; không được đọc",
    "a device, not a file; it is not read": "một thiết bị, không phải tệp; không được đọc",
    "a socket, not a file; it is not read": "một socket, không phải tệp; không được đọc",
    "not a regular file; it is not read": "không phải tệp thông thường; không được đọc",
    "the name is not valid UTF-8; rename it to read it": (
        "tên không phải UTF-8 hợp lệ; đổi tên để đọc được"
    ),
    "this folder was already visited": "thư mục này đã được đọc",
    "only the first %1 of %2 characters are searchable; split the file to search the rest": (
        "chỉ tìm được trong %1 ký tự đầu trên %2; tách tệp để tìm phần còn lại"
    ),
    "no known text encoding fits these bytes": "không bảng mã nào đã biết hợp với dữ liệu này",
    "UTF-16 byte order mark but bad data: %1": "có dấu thứ tự byte UTF-16 nhưng dữ liệu lỗi: %1",
    "the file holds binary data, not text": "tệp chứa dữ liệu nhị phân, không phải văn bản",
    "the file holds control characters, not text": (
        "tệp chứa ký tự điều khiển, không phải văn bản"
    ),
    "Permission denied": "Không có quyền truy cập",
    "No such file or directory": "Không có tệp hoặc thư mục này",
    "Too many levels of symbolic links": "Quá nhiều tầng liên kết",
    "Input/output error": "Lỗi đọc ghi",
    "Not a directory": "Không phải thư mục",
    "Is a directory": "Là một thư mục",
}
