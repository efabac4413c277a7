"""Common Vietnamese syllables, most frequent first, for synthetic archives."""

SYLLABLES = """
và của có các trong cho đã là được không người một với công ông này khi quốc ở để tại những
bị về ra từ vào đến việc đó trên hiện quan theo sẽ sự năm ngày mỹ nhà cũng trung nhiều
thể nước chính sau định nhân đầu đồng động bộ vụ thành làm thông gia biết thống tôi như
điều an đang lại nam số tổng hành chỉ tin trước phải cuộc phát cơ dân anh đối trường báo
nhận chức hàng viên hợp nhưng xe hội chủ nói qua hai thời rằng nhất đi hơn nga quân liên
do thực lý việt còn cùng tới lực bình án tình con đây tiếp đường chiến lượng tiên phòng
tế cấp tra khu mới dự hình thế thủ trình cao kinh tỉnh pháp học lên cả bố kết dụng mà vì
đề sát xã cảnh bảo năng bay trump đạo bà đại khác giao chúng vẫn phương tháng giá hệ đưa
máy cách rất diễn ảnh mình nên nhiên bản thì tp tài vực tác quyền thị nay xuất cầu văn
quyết tàu tiền sinh thấy giới cáo thương sản phạm trưởng tư toàn giải điểm lớn họ triển
bắt chưa tổ tự tục tâm tuổi thanh nghị bất ngoài đội tên hay sĩ vị độ sử khai gần mặt đất
sở đông khoảng gây quy minh tuy kỳ địa nội bằng ban thu quả lần cô biển tập trọng mạnh
tăng nguyễn nghiệp vấn cứu hoạt hôm lãnh thường triều bên kiểm yêu syria gian tham giữa
nào khiến khách trở tiến lập đánh phần nhiệm bắc hải kiến điện vi ngoại thêm cần vũ nạn
dẫn nếu triệu luật sáng thức tấn huyện hà lời quá đình hiệu tính tiêu chuyển đơn tạo trị
trang ty mạng xác phủ nguyên thứ bán thi tượng nữ tìm tuyên ninh đổi phía thiết doanh từng
hồi chế xử sống dịch nghệ hộ giám chiếc viện vừa chất hoàn xây giữ giờ tranh phố khí thái
tích tịch luận nhóm cố đoàn vệ muốn xảy trả dựng bỏ giáo bạn rõ truyền tay bệnh biểu lửa
nhau gặp tử lúc trẻ mang sách diện gì cử chia vậy trợ xem thuộc nhật đặc tiếng thân đều
trí châu kế biệt nơi hoà vùng ngay mua tướng lợi cá em nhằm cảm sức hoạch ứng ta chí hoá
mẹ sân phó phục chuyên mọi dùng bao thay ký chứng cuối giả phụ hồ quản khả dù chị tuần
lịch nguồn thuận mục đấu hướng dài liệu hoàng chuyện bàn đốc vận danh loại chi gọi hoa
đoạn phản tội hcm hoặc ca hậu du hết khẳng cứ ăn mức tây tốt bởi kiện chống ba buộc phép
gồm tiết giúp tối vợ hàn khó đảo nghi trách quận sơn phẩm kể khỏi trạng chung áp sẻ phi
mất giảm dương thổ đức vật nhập xuống usd ai ubnd kim đảm chiều lộ đảng trái tố tương hưởng
xét rồi chương đặt khoa biến lễ tất cộng trận mở cửa iran trực hỗ căn chồng gái biên cổ
đứng nó đóng khủng hạ trần phim mỗi thư phí tải đúng chết vàng duy phân ấy nghiệm hữu hại
tỷ chạy chuẩn bài lê đăng cái bé hãng phạt ngân lệnh sao hỏi tuyến sơ ngờ ít đủ thượng
toà cụ ngành câu lan đô quảng hạn cường trò soát chấp cây nhanh nghiêm ma cung lấy phóng
chuyến di tai thần phong đáng đạt nông đàm kích tân lưu vai tỉ thuật trắng cực nghiên km
đàn họp cạnh sư độc sang đà nghĩa donald cục nữa nhĩ nổi vốn vô luôn giang hạt mại riêng
đa đài xuân nhỏ cựu bầu dưới phiên huy gửi mối thắng xin đời hiệp nguy thiệt tinh phối
yếu kéo ghi thiếu phá phán chọn thăm môi thích ngọc vài uỷ washington nằm kiếm thật lo
bước phúc thiện tốc đẩy dung cư càng can thảo nẵng chịu nghĩ lái sắc thẳng putin kỹ hồng
thoả cận rộng bắn binh nhìn trao vọng thẩm thúc khởi niên lĩnh bác phú hóa trú tức hiểu
long so thoại phường đêm khoản kỷ lao lâm cán ngôn viết tưởng is đổ tạm mắt tỏ đầy trì
đẹp nhạc israel thử chân khán sai mô đào chú xúc khăn hiểm bí ủng dục chiếm thiên quang
quay mặc ngăn song xuyên hương khẩu súng mưa lâu sóng biện bức đá nặng góp cháy lai trai
nợ sớm nền nổ khá thừa cha đáp sẵn sông thuỷ tuý lòng đôi trương ấn bang mẫu mong âm miền
vòng vong thậm tiện phút bóng bày nhấn đột ngại âu cải bão vượt tờ vĩnh nghỉ video lạc
màu rời dấu thấp hát chơi xung chở nghe quý thuế nuôi buổi lỗi đồ quán xa hưng trừng kêu
rút toán dòng linh cháu giấy đạn đe cập quanh tín thuê tránh tầng sắp loạt lệ tầm cam khánh
giai tết căng trấn cấm sứ tuyển dầu kẻ lương ổn philippines mật sàng khắc tù lược trạm
áo dành tái trích dễ nêu hùng sửa dừng ưu phù cánh siêu nâng đỉnh chóng chỗ hôn nhiệt giống
ích vay lớp dư thôn phiếu chữa xế tiểu lục al chờ nỗ doạ huỷ mùa mời chặn yên ngồi tuấn
coi rừng ngôi bổ chắc nối rơi thoát sa khảo cầm nhắc bối jong thất nhưỡng reuters băng
mai trụ sn ánh thuyền new điệp đón trục trời obama cảng vui núi malaysia dao chắn bờ đen
vé trăm vương truy ương gió khẩn sâu ước gốc dữ niệm bom thuẫn ngược cướp suốt đích khám
kịp hút phận nhờ chỉnh tôn trải chục thác tô hòa hài thập nắm giành la may vinh đâu nghề
thải bạc chợ cắt môn sóc cũ gắng moscow un dưỡng phiến chẳng gắn dây quần máu suất bãi
phê đám tạp chặt thú cát làng tiêm trà ngầm venezuela sắt suy nhớ chứ kiên ngoái chứa
""".split()
