using System.Reflection;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace CloudFilm.Api.Problems;

/// <summary>
/// Every way the Api says "no", each with its code, status and texts in Chinese and English. docs/interface.md lists
/// them; a new refusal is added here (and there), never written inline in an endpoint.
/// </summary>
public static class ProblemCatalogue
{
    // The request itself
    public static readonly ProblemType InvalidRequest = new("invalid-request", Status400BadRequest,
        new("请求内容有误。", "The request is not valid."),
        new("请检查以下字段：{0}。", "{1}"));
    public static readonly ProblemType UnreadableRequest = new("unreadable-request", Status400BadRequest,
        new("无法读取请求。", "The request could not be read."),
        new("请求的格式或大小不符合要求。", "{0}"));
    public static readonly ProblemType UnexpectedError = new("unexpected-error", Status500InternalServerError,
        new("服务器发生了意外错误。", "An unexpected error occurred."),
        new("错误已记入日志，可凭本回复的 traceId 查找。", "The error was logged with the trace id of this response."));
    public static readonly ProblemType NotFound = new("not-found", Status404NotFound,
        new("此地址没有内容。", "Nothing is found at this address."));
    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", Status405MethodNotAllowed,
        new("此地址不支持该请求方法。", "This address does not take this request method."));

    // Who is asking
    public static readonly ProblemType SignInRequired = new("sign-in-required", Status401Unauthorized,
        new("请先登录。", "Sign-in is required."),
        new("请在 /login 登录。", "Sign in at /login."));
    public static readonly ProblemType RoleRequired = new("role-required", Status403Forbidden,
        new("您的账号无权执行此操作。", "Your account may not do this."),
        new("需要以下角色之一：{0}。", "Needs one of the roles: {0}."));
    public static readonly ProblemType SignInFailed = new("sign-in-failed", Status401Unauthorized,
        new("用户名或密码不正确。", "The name or password is not right."));
    public static readonly ProblemType SystemKeyRequired = new("system-key-required", Status401Unauthorized,
        new("需要系统 API 密钥。", "A system API key is required."),
        new("请在 X-Api-Key 请求头（SOAP 也可用 cf:ApiKey 头）中发送为贵系统签发的密钥。",
            "Send the key issued to your system in the X-Api-Key header (or, for SOAP, in a cf:ApiKey SOAP header)."));
    public static readonly ProblemType PermissionRequired = new("permission-required", Status403Forbidden,
        new("该系统密钥没有此权限。", "The system key does not hold this permission."),
        new("需要权限 {0}：请在 Integration:Systems:N:Permissions 中为该系统添加。",
            "Needs the permission {0}: add it to the system's Integration:Systems:N:Permissions."));
    public static readonly ProblemType ShareLinkReadOnly = new("share-link-read-only", Status403Forbidden,
        new("分享链接只能查看影像。", "A share link may only view images."),
        new("通过分享链接不能存储或修改影像。", "Images cannot be stored or changed through a share link."));
    public static readonly ProblemType DeviceTokenRequired = new("device-token-required", Status401Unauthorized,
        new("需要有效的设备令牌。", "A valid device token is required."),
        new("请在 {0} 请求头中发送该屏幕的令牌。", "Send the screen's token in {0}."));

    // Studies, patients, reports
    public static readonly ProblemType StudyNotFound = new("study-not-found", Status404NotFound,
        new("没有这个检查。", "No such study."),
        new("检查号 {0} 下没有登记的检查。", "No study is registered under key {0}."));
    public static readonly ProblemType AccessionOfAnotherPatient = new("accession-of-another-patient", Status409Conflict,
        new("该检查号已登记给另一位患者。", "The accession number is registered for another patient."),
        new("检查号 {0} 属于患者 {1}；请更正检查单或使用新的检查号。", "Accession {0} belongs to patient {1}; correct the order or use a new accession number."),
        Members(("field", "order.accessionNumber")));
    public static readonly ProblemType PatientNotFound = new("patient-not-found", Status404NotFound,
        new("没有这位患者。", "No such patient."),
        new("患者号 {0} 下没有登记的患者。", "No patient is registered under key {0}."));
    public static readonly ProblemType ReportNotFound = new("report-not-found", Status404NotFound,
        new("没有报告。", "No report."),
        new("检查 {0} 还没有报告。", "Study {0} has no report."));
    public static readonly ProblemType ReportPdfNotFound = new("report-pdf-not-found", Status404NotFound,
        new("没有 PDF。", "No PDF."),
        new("检查 {1} 的第 {0} 版报告没有 PDF。", "Version {0} of the report of study {1} has no PDF."));
    public static readonly ProblemType ReportOfAnotherPatient = new("report-of-another-patient", Status409Conflict,
        new("报告中的患者与该检查的患者不同，报告未被接收。", "The report cannot be applied to this study."),
        Members: Members(("field", "patient.id")));
    public static readonly ProblemType ReportStatusNotAllowed = new("report-status-not-allowed", Status409Conflict,
        new("报告状态不能这样变更（终审后不能再发初步报告，没有终审报告不能发修订报告）。", "The report cannot be applied to this study."),
        Members: Members(("field", "status")));
    public static readonly ProblemType SoapPostOnly = new("soap-post-only", Status405MethodNotAllowed,
        new("请用 ?wsdl 获取服务描述，或 POST 一个 SOAP 信封。", "Ask for the service description with ?wsdl, or POST a SOAP envelope."));
    public static readonly ProblemType SoapMediaType = new("soap-media-type", Status415UnsupportedMediaType,
        new("请求体必须是 SOAP 信封（SOAP 1.1 用 text/xml，SOAP 1.2 用 application/soap+xml）。",
            "The body must be a SOAP envelope (text/xml for SOAP 1.1, application/soap+xml for SOAP 1.2)."));
    public static readonly ProblemType SoapMalformed = new("soap-malformed", Status400BadRequest,
        new("请求体不是格式正确的 XML。", "The body is not well-formed XML."),
        new("XML 错误：{0}", "{0}"));
    public static readonly ProblemType SoapNoOperation = new("soap-no-operation", Status400BadRequest,
        new("SOAP 信封的 Body 中没有 SubmitReport。", "The SOAP Body holds no SubmitReport."),
        new("应为 {0} 信封，其 Body 含 {{{1}}}SubmitReport。", "Expected a {0} Envelope whose Body holds {{{1}}}SubmitReport."));

    // Sharing (the patient's link, downloads, printing)
    public static readonly ProblemType ShareNotFound = new("share-not-found", Status404NotFound,
        new("没有这个分享。", "No such share."));
    public static readonly ProblemType LinkNotFound = new("link-not-found", Status404NotFound,
        new("没有这个链接。", "No such link."), Members: Members(("state", "unknown")));
    public static readonly ProblemType LinkVerificationRequired = new("link-verification-required", Status401Unauthorized,
        new("需要先验证身份。", "Verification is needed."), Members: Members(("state", "verification-required")));
    public static readonly ProblemType LinkWrongCode = new("link-wrong-code", Status401Unauthorized,
        new("验证码不正确。", "The code is not right."), Members: Members(("state", "verification-required")));
    public static readonly ProblemType LinkExpired = new("link-expired", Status410Gone,
        new("此链接已过期。", "This link has expired."), Members: Members(("state", "expired")));
    public static readonly ProblemType LinkRevoked = new("link-revoked", Status410Gone,
        new("此链接已被撤回。", "This link was withdrawn."), Members: Members(("state", "revoked")));
    public static readonly ProblemType LinkLocked = new("link-locked", Status423Locked,
        new("错误次数过多，请稍后再试。", "Too many wrong attempts; try again later."), Members: Members(("state", "locked")));
    public static readonly ProblemType LinkOutsideViewingHours = new("link-outside-viewing-hours", Status403Forbidden,
        new("此链接在当前时段不能打开。", "This link can't be opened at this time of day."), Members: Members(("state", "outside-viewing-hours")));
    public static readonly ProblemType LinkDoesNotOpenStudy = new("link-does-not-open-study", Status404NotFound,
        new("此链接不能打开该检查。", "This link does not open that study."));
    public static readonly ProblemType LinkNotSmsVerified = new("link-not-sms-verified", Status409Conflict,
        new("此链接不使用短信验证。", "This link is not verified by SMS."));
    public static readonly ProblemType NoPhoneOnFile = new("no-phone-on-file", Status409Conflict,
        new("没有登记该患者的手机号。", "No phone number is on file for this patient."));
    public static readonly ProblemType CodeSentRecently = new("code-sent-recently", Status429TooManyRequests,
        new("验证码刚刚发送过，请稍后再索取。", "A code was sent recently; wait before asking for another."));
    public static readonly ProblemType ImageNotFound = new("image-not-found", Status404NotFound,
        new("此检查中没有这幅图像。", "No such image in this study."));
    public static readonly ProblemType ImageHiddenWhenDeidentified = new("image-hidden-when-deidentified", Status404NotFound,
        new("去标识化的链接不显示这幅图像。", "This image is not shown through a de-identified link."));
    public static readonly ProblemType FrameNotFound = new("frame-not-found", Status404NotFound,
        new("没有这一帧。", "No such frame."),
        new("这幅图像的帧号为 0 到 {0}。", "The image has frames 0 to {0}."));
    public static readonly ProblemType FilmNotPublished = new("film-not-published", Status409Conflict,
        new("云胶片尚未发布。", "The cloud film is not published yet."),
        new("检查 {0} 还没有终审报告，因此还没有患者链接。", "Study {0} has no final report, so it has no patient link yet."));
    public static readonly ProblemType NoFinalReport = new("no-final-report", Status409Conflict,
        new("还没有终审报告。", "No final report."));
    public static readonly ProblemType NothingToDownload = new("nothing-to-download", Status409Conflict,
        new("此检查还没有可下载的图像。", "This study has no images to download yet."));
    public static readonly ProblemType DownloadNotFound = new("download-not-found", Status404NotFound,
        new("没有这个下载。", "No such download."), Members: Members(("state", "unknown")));
    public static readonly ProblemType DownloadWrongCode = new("download-wrong-code", Status401Unauthorized,
        new("提取码不正确。", "The extraction code is not right."), Members: Members(("state", "wrong-code"), ("field", "code")));
    public static readonly ProblemType DownloadLocked = new("download-locked", Status423Locked,
        new("提取码错误次数过多，请稍后再试。", "Too many wrong codes; try again later."), Members: Members(("state", "locked")));
    public static readonly ProblemType DownloadExpired = new("download-expired", Status410Gone,
        new("此下载已过期。", "This download has expired."), Members: Members(("state", "expired")));
    public static readonly ProblemType DownloadWithdrawn = new("download-withdrawn", Status410Gone,
        new("分享已被撤回。", "The share was withdrawn."), Members: Members(("state", "withdrawn")));
    public static readonly ProblemType DownloadGrantUsed = new("download-grant-used", Status403Forbidden,
        new("此下载链接已使用或已过期，请重新输入提取码。", "This download link has been used or has expired; enter the extraction code again."));

    // Dispatch
    public static readonly ProblemType PoolNotConfigured = new("pool-not-configured", Status404NotFound,
        new("该读片池尚未配置。", "The pool is not configured."));
    public static readonly ProblemType TaskNotFound = new("task-not-found", Status404NotFound,
        new("没有这个未完成的任务。", "No such open task."));
    public static readonly ProblemType StationNotFound = new("station-not-found", Status404NotFound,
        new("该读片池中没有这个工位。", "No such workstation in this pool."));
    public static readonly ProblemType NotYourTask = new("not-your-task", Status403Forbidden,
        new("该任务已分配给另一位医生。", "The task is assigned to another reader."));
    public static readonly ProblemType StationUnavailable = new("station-unavailable", Status409Conflict,
        new("该工位已停用，或现在无人值班。", "The workstation is disabled or nobody is on duty there now."));
    public static readonly ProblemType TaskStateConflict = new("task-state-conflict", Status409Conflict,
        new("任务当前的状态不允许此操作。", "The task is not in a state that allows this."));

    // Queues and screens (refusal: the queue's own name for it, kept for clients that read it)
    public static readonly ProblemType QueueNotConfigured = new("queue-not-configured", Status404NotFound,
        new("没有这个队列。", "No such queue."),
        new("队列 {0} 尚未配置。", "Queue {0} is not configured."), Members(("refusal", "NotConfigured")));
    public static readonly ProblemType QueueUnknownRoom = new("queue-unknown-room", Status404NotFound,
        new("该队列没有这个诊室。", "No such room in this queue."), Members: Members(("refusal", "UnknownRoom")));
    public static readonly ProblemType QueueUnknownTicket = new("queue-unknown-ticket", Status404NotFound,
        new("今天没有这个号。", "No such ticket today."), Members: Members(("refusal", "UnknownTicket")));
    public static readonly ProblemType QueueInvalidDefinition = new("queue-invalid-definition", Status400BadRequest,
        new("队列的定义不可用。", "The queue definition cannot be used."), Members: Members(("refusal", "InvalidDefinition")));
    public static readonly ProblemType QueueRoomPaused = new("queue-room-paused", Status409Conflict,
        new("该诊室已暂停叫号。", "The room is paused."), Members: Members(("refusal", "RoomPaused")));
    public static readonly ProblemType QueueNoCurrentPatient = new("queue-no-current-patient", Status409Conflict,
        new("该诊室当前没有已呼叫的患者。", "The room has no called patient."), Members: Members(("refusal", "NoCurrentPatient")));
    public static readonly ProblemType QueueWrongTicketStatus = new("queue-wrong-ticket-status", Status409Conflict,
        new("该号当前的状态不允许此操作。", "The ticket's status does not allow this."), Members: Members(("refusal", "WrongTicketStatus")));
    public static readonly ProblemType ScreenNotFound = new("screen-not-found", Status404NotFound,
        new("没有这块屏幕。", "No such screen."),
        new("屏幕 {0} 尚未配置。", "Screen {0} is not configured."));

    // DICOM administration
    public static readonly ProblemType DicomStudyNotFound = new("dicom-study-not-found", Status404NotFound,
        new("没有这个 DICOM 检查。", "No such DICOM study."),
        new("检查 {0} 没有已归档的图像。", "No images of study {0} are archived."));
    public static readonly ProblemType DicomInstanceNotFound = new("dicom-instance-not-found", Status404NotFound,
        new("该 DICOM 检查中没有这个序列或实例。", "No such series or instance in this DICOM study."),
        new("检查 {0} 中没有所请求的序列或实例。", "Study {0} holds no such series or instance."));
    public static readonly ProblemType DicomFrameNotFound = new("dicom-frame-not-found", Status404NotFound,
        new("该实例没有这一帧。", "The instance has no such frame."),
        new("没有第 {0} 帧：帧号为 1 到 {1}。", "There is no frame {0}: the frames are 1 to {1}."));
    public static readonly ProblemType NotAcceptable = new("not-acceptable", Status406NotAcceptable,
        new("无法以所接受的媒体类型或传输语法提供。", "Nothing can be sent in a media type or transfer syntax the request accepts."),
        new("Accept：{0}。参见 DICOMweb 一致性声明中支持的媒体类型与传输语法。",
            "Accept: {0}. The DICOMweb conformance statement lists the media types and transfer syntaxes answered."));
    public static readonly ProblemType MergeIntoItself = new("merge-into-itself", Status400BadRequest,
        new("检查不能合并到它自身。", "A study cannot be merged into itself."),
        new("intoStudyInstanceUid 指向的正是要合并的检查。", "intoStudyInstanceUid names the study being merged."), Members(("field", "intoStudyInstanceUid")));
    public static readonly ProblemType NotInReconciliation = new("not-in-reconciliation", Status409Conflict,
        new("该检查不在待核对列表中。", "The study is not waiting in reconciliation."),
        new("检查 {0} 已匹配或已关联到检查单，其图像属于该检查单，不能合并走。",
            "Study {0} is matched or linked to an order; its images belong to that order and are not merged away."));
    public static readonly ProblemType DifferentPatient = new("different-patient", Status409Conflict,
        new("两个检查属于不同的患者。", "The studies belong to different patients."),
        new("目标检查的患者号或签发机构不同。如要把这些图像更正为目标检查的患者，请发送 \"correctPatient\": true。",
            "The target study has another patient id or issuer. Send \"correctPatient\": true to correct these images to the target's patient."),
        Members(("refusal", "different-patient")));
    public static readonly ProblemType StoredCopyUnreadable = new("stored-copy-unreadable", Status500InternalServerError,
        new("检查的一幅存档图像无法读取。", "A stored image of the study cannot be read."),
        new("实例 {0} 的存档副本缺失或已损坏，未作任何合并。请从备份恢复，或让设备重新发送该检查。",
            "The archived copy of instance {0} is missing or damaged; nothing was merged. Restore it from backup or have the modality resend the study."));
    public static readonly ProblemType PeerNotFound = new("peer-not-found", Status404NotFound,
        new("没有这个 DICOM 节点。", "No such DICOM peer."),
        new("{0}（{1}）当前未被允许。", "{0} at {1} is not allowed now."));
    public static readonly ProblemType RetrieveJobNotFound = new("retrieve-job-not-found", Status404NotFound,
        new("没有这个拉取任务。", "No such pull job."),
        new("没有编号为 {0} 的任务。", "No job {0}."));

    // DICOMweb
    // DICOMweb STOW-RS (failures of single instances are answered in the DICOM response, not as problems)
    public static readonly ProblemType StoreRequestTooLarge = new("store-request-too-large", Status413PayloadTooLarge,
        new("上传的图像超过了允许的大小。", "The upload is larger than allowed."),
        new("一次 STOW-RS 请求最多 {0} 字节。", "A STOW-RS request may carry at most {0} bytes."));
    public static readonly ProblemType StoreMediaTypeNotSupported = new("store-media-type-not-supported", Status415UnsupportedMediaType,
        new("不支持这种上传格式。", "This upload format is not supported."),
        new("请以 multipart/related; type=\"application/dicom\" 发送 DICOM Part 10 文件，收到的是 {0}。",
            "Send DICOM Part 10 files as multipart/related; type=\"application/dicom\"; the request was {0}."));
    public static readonly ProblemType StoreMultipartMalformed = new("store-multipart-malformed", Status400BadRequest,
        new("上传的 multipart 正文无法读取。", "The multipart body cannot be read."),
        new("multipart 正文有误：{0}", "The multipart body is malformed: {0}"));

    /// <summary>Every kind, in the order above.</summary>
    public static IReadOnlyList<ProblemType> All { get; } = [.. typeof(ProblemCatalogue)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ProblemType))
        .Select(f => (ProblemType)f.GetValue(null)!)];

    public static ProblemType? Find(string code) => All.FirstOrDefault(p => p.Code == code);

    /// <summary>The kind of a bare status the framework answers by itself (no route, wrong method, not signed in).</summary>
    public static ProblemType? ForStatus(int status) => status switch
    {
        Status401Unauthorized => SignInRequired,
        Status403Forbidden => RoleRequired,
        Status404NotFound => NotFound,
        Status405MethodNotAllowed => MethodNotAllowed,
        _ => null,
    };

    private static Dictionary<string, object?> Members(params (string Name, object? Value)[] members) =>
        members.ToDictionary(m => m.Name, m => m.Value);
}
