using System.Globalization;
using System.Xml.Linq;
using System.Xml;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Api.Studies;
using CloudFilm.Grains.Abstractions.Reports;

namespace CloudFilm.Api.Reports;

/// <summary>
/// The report intake as a SOAP web service (SOAP 1.1 and 1.2), for reporting systems that only speak "Webservice".
/// One operation, <c>SubmitReport</c>, with the same fields and rules as <c>POST /api/v1/studies/{key}/reports</c>.
/// The key goes in the X-Api-Key HTTP header or in a <c>cf:ApiKey</c> SOAP header. Faults follow each version's HTTP
/// binding: SOAP 1.1 answers every fault with HTTP 500; SOAP 1.2 answers Sender faults with 400.
/// </summary>
public static class SoapReportService
{
    public const string Path = "/soap/ReportService";
    public const string Namespace = "urn:cloudfilm:reports:v1";
    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace Cf = Namespace;

    public static WebApplication MapSoapReportService(this WebApplication app)
    {
        app.MapPost(Path, HandleAsync).ExcludeFromDescription();
        app.MapGet(Path, (HttpContext http) => http.Request.Query.ContainsKey("wsdl")
                ? Results.Text(Wsdl(http), "text/xml; charset=utf-8")
                : ProblemCatalogue.SoapPostOnly.Answer())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(HttpContext http, SystemKeys keys, ReportIntake intake, ILogger<ReportIntake> logger)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var soap = mediaType == "application/soap+xml" ? Soap12 : Soap11;
        if (mediaType is not ("text/xml" or "application/soap+xml"))
        {
            await FaultAsync(http, Soap11, ProblemCatalogue.SoapMediaType.Details(), StatusCodes.Status415UnsupportedMediaType);
            return;
        }

        XDocument envelope;
        try
        {
            using var reader = XmlReader.Create(http.Request.Body, new XmlReaderSettings
            {
                Async = true,
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = 40_000_000,
            });
            envelope = await XDocument.LoadAsync(reader, LoadOptions.None, http.RequestAborted);
        }
        catch (XmlException e)
        {
            await FaultAsync(http, soap, ProblemCatalogue.SoapMalformed.Details(e.Message));
            return;
        }

        XNamespace env = soap;
        var body = envelope.Root?.Name == env + "Envelope" ? envelope.Root.Element(env + "Body") : null;
        var operation = body?.Element(Cf + "SubmitReport");
        if (operation is null)
        {
            await FaultAsync(http, soap, ProblemCatalogue.SoapNoOperation.Details(soap == Soap12 ? "SOAP 1.2" : "SOAP 1.1", Namespace));
            return;
        }

        var key = http.Request.Headers[SystemKeys.Header].FirstOrDefault()
            ?? envelope.Root!.Element(env + "Header")?.Element(Cf + "ApiKey")?.Value;
        var system = keys.Identify(key);
        if (system is null)
        {
            await FaultAsync(http, soap, ProblemCatalogue.SystemKeyRequired.Details(),
                soap == Soap12 ? StatusCodes.Status401Unauthorized : StatusCodes.Status500InternalServerError);
            return;
        }

        try
        {
            var (studyKey, request) = Read(operation);
            var result = await intake.SubmitAsync(studyKey, request, system, http.RequestAborted);
            if (result.Outcome is ReportOutcome.InvalidTransition or ReportOutcome.ConflictingPatient)
            {
                var refused = DomainProblems.For(result.Outcome);
                await FaultAsync(http, soap, refused.ExplainedDetails(result.Reason!),
                    errors: new Dictionary<string, string[]> { [(string)refused.Members!["field"]!] = [result.Reason!] });
                return;
            }
            await WriteAsync(http, soap, StatusCodes.Status200OK, new XElement(Cf + "SubmitReportResponse",
                new XElement(Cf + "Outcome", result.Outcome.ToString()),
                result.Version is { } v ? new XElement(Cf + "Version", v) : null,
                new XElement(Cf + "Published", result.BecamePublishable ? "true" : "false")));
        }
        catch (RequestValidationException invalid)
        {
            await FaultAsync(http, soap, ProblemHandling.Refusal(invalid)!, errors: invalid.Errors);
        }
        catch (FormatException e)
        {
            await FaultAsync(http, soap, ProblemCatalogue.UnreadableRequest.Details(e.Message));
        }
    }

    /// <summary>Reads the SubmitReport element into the same request the JSON endpoint takes.</summary>
    private static (string StudyKey, SubmitReportRequest Request) Read(XElement op)
    {
        string? S(XElement? parent, string name) => parent?.Element(Cf + name)?.Value;
        DateTimeOffset? T(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t
                : throw new RequestValidationException(new Dictionary<string, string[]> { [name] = ["Must be an xs:dateTime, e.g. 2026-11-23T09:30:00+08:00."] });
        }

        var studyKey = S(op, "StudyKey")?.Trim();
        if (string.IsNullOrEmpty(studyKey))
        {
            throw RequestValidationException.For("studyKey", "Required.");
        }
        var patient = op.Element(Cf + "Patient");
        var status = S(op, "Status")?.Trim().ToLowerInvariant();
        DateOnly? birth = null;
        if (S(patient, "BirthDate") is { Length: > 0 } b)
        {
            birth = DateOnly.TryParseExact(b.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw RequestValidationException.For("patient.birthDate", "Must be an xs:date, e.g. 1980-02-03.");
        }
        var request = new SubmitReportRequest
        {
            Patient = patient is null ? null : new PatientRequest
            {
                Id = S(patient, "Id"), Issuer = S(patient, "Issuer"), Name = S(patient, "Name"), Sex = S(patient, "Sex"),
                BirthDate = birth, Phone = S(patient, "Phone"),
            },
            AccessionNumber = S(op, "AccessionNumber"),
            ExamItem = S(op, "ExamItem"),
            ExamType = S(op, "ExamType"),
            ExamTime = T("examTime", S(op, "ExamTime")),
            Findings = S(op, "Findings"),
            Impression = S(op, "Impression"),
            Advice = S(op, "Advice"),
            ReportingDoctor = S(op, "ReportingDoctor"),
            ReviewingDoctor = S(op, "ReviewingDoctor"),
            ReportedAt = T("reportedAt", S(op, "ReportedAt")),
            ReviewedAt = T("reviewedAt", S(op, "ReviewedAt")),
            Status = status switch
            {
                null or "" => null,
                "preliminary" => ReportStatus.Preliminary,
                "final" => ReportStatus.Final,
                "amended" => ReportStatus.Amended,
                _ => throw RequestValidationException.For("status", "Must be preliminary, final or amended."),
            },
            Pdf = S(op, "Pdf"),
        };
        return (studyKey, request);
    }

    /// <summary>
    /// A Sender (Client) fault for a refusal of the catalogue. SOAP 1.2 carries its code as the Subcode and its reason in
    /// both languages, the asked-for one first (SOAP 1.2 Part 1, 5.4); SOAP 1.1's single faultstring is in the asked-for one.
    /// </summary>
    private static Task FaultAsync(HttpContext http, string soap, CataloguedProblemDetails problem, int? status = null,
        IReadOnlyDictionary<string, string[]>? errors = null)
    {
        XNamespace env = soap;
        var language = ProblemLanguages.Of(http);
        string Reason(ProblemLanguage l) =>
            problem.DetailText?.In(l) is { } d && d != problem.Kind.Title.In(l) ? problem.Kind.Title.In(l) + " " + d : problem.Kind.Title.In(l);
        ProblemLanguage[] languages = language == ProblemLanguage.Zh ? [ProblemLanguage.Zh, ProblemLanguage.En] : [ProblemLanguage.En, ProblemLanguage.Zh];
        var detail = errors is null
            ? null
            : new XElement(Cf + "Errors", errors.SelectMany(e => e.Value.Select(m => new XElement(Cf + "Error", new XAttribute("field", e.Key), m))));
        XElement fault = soap == Soap12
            ? new XElement(env + "Fault",
                new XElement(env + "Code", new XElement(env + "Value", "env:Sender"),
                    new XElement(env + "Subcode", new XElement(env + "Value", "cf:" + problem.Kind.Code))),
                new XElement(env + "Reason", languages.Select(l =>
                    new XElement(env + "Text", new XAttribute(XNamespace.Xml + "lang", l == ProblemLanguage.Zh ? "zh" : "en"), Reason(l)))),
                detail is null ? null : new XElement(env + "Detail", detail))
            : new XElement(env + "Fault",
                new XElement("faultcode", "soap:Client"),
                new XElement("faultstring", Reason(language)),
                detail is null ? null : new XElement("detail", detail));
        var code = status ?? (soap == Soap12 ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError);
        return WriteAsync(http, soap, code, fault);
    }

    private static async Task WriteAsync(HttpContext http, string soap, int status, XElement content)
    {
        XNamespace env = soap;
        var prefix = soap == Soap12 ? "env" : "soap";
        var document = new XDocument(new XElement(env + "Envelope",
            new XAttribute(XNamespace.Xmlns + prefix, soap), new XAttribute(XNamespace.Xmlns + "cf", Namespace),
            new XElement(env + "Body", content)));
        http.Response.StatusCode = status;
        http.Response.ContentType = soap == Soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
        await http.Response.WriteAsync(document.Declaration + document.ToString(SaveOptions.DisableFormatting), http.RequestAborted);
    }

    private static string Wsdl(HttpContext http)
    {
        var address = $"{http.Request.Scheme}://{http.Request.Host}{Path}";
        string[] text = ["AccessionNumber", "ExamItem", "ExamType", "Findings", "Impression", "Advice", "ReportingDoctor", "ReviewingDoctor", "Status", "Pdf"];
        var fields = string.Join("", text.Select(f => $"<xs:element name=\"{f}\" type=\"xs:string\" minOccurs=\"0\"/>"));
        return $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
              xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
              xmlns:cf="{{Namespace}}" targetNamespace="{{Namespace}}" name="ReportService">
              <wsdl:types><xs:schema targetNamespace="{{Namespace}}" elementFormDefault="qualified">
                <xs:complexType name="Patient"><xs:sequence>
                  <xs:element name="Id" type="xs:string"/><xs:element name="Issuer" type="xs:string"/><xs:element name="Name" type="xs:string"/>
                  <xs:element name="Sex" type="xs:string" minOccurs="0"/><xs:element name="BirthDate" type="xs:date" minOccurs="0"/>
                  <xs:element name="Phone" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
                <xs:element name="SubmitReport"><xs:complexType><xs:sequence>
                  <xs:element name="StudyKey" type="xs:string"/><xs:element name="Patient" type="cf:Patient"/>
                  <xs:element name="ExamTime" type="xs:dateTime" minOccurs="0"/><xs:element name="ReportedAt" type="xs:dateTime"/>
                  <xs:element name="ReviewedAt" type="xs:dateTime" minOccurs="0"/>{{fields}}
                </xs:sequence></xs:complexType></xs:element>
                <xs:element name="SubmitReportResponse"><xs:complexType><xs:sequence>
                  <xs:element name="Outcome" type="xs:string"/><xs:element name="Version" type="xs:int" minOccurs="0"/>
                  <xs:element name="Published" type="xs:boolean"/></xs:sequence></xs:complexType></xs:element>
                <xs:element name="ApiKey" type="xs:string"/>
              </xs:schema></wsdl:types>
              <wsdl:message name="SubmitReportIn"><wsdl:part name="parameters" element="cf:SubmitReport"/></wsdl:message>
              <wsdl:message name="SubmitReportOut"><wsdl:part name="parameters" element="cf:SubmitReportResponse"/></wsdl:message>
              <wsdl:message name="ApiKeyHeader"><wsdl:part name="ApiKey" element="cf:ApiKey"/></wsdl:message>
              <wsdl:portType name="ReportServicePort"><wsdl:operation name="SubmitReport">
                <wsdl:input message="cf:SubmitReportIn"/><wsdl:output message="cf:SubmitReportOut"/></wsdl:operation></wsdl:portType>
              <wsdl:binding name="ReportServiceSoap11" type="cf:ReportServicePort"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
                <wsdl:operation name="SubmitReport"><soap:operation soapAction="{{Namespace}}:SubmitReport"/>
                  <wsdl:input><soap:header message="cf:ApiKeyHeader" part="ApiKey" use="literal"/><soap:body use="literal"/></wsdl:input>
                  <wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
              <wsdl:binding name="ReportServiceSoap12" type="cf:ReportServicePort"><soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
                <wsdl:operation name="SubmitReport"><soap12:operation soapAction="{{Namespace}}:SubmitReport"/>
                  <wsdl:input><soap12:header message="cf:ApiKeyHeader" part="ApiKey" use="literal"/><soap12:body use="literal"/></wsdl:input>
                  <wsdl:output><soap12:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
              <wsdl:service name="ReportService">
                <wsdl:port name="ReportServiceSoap11" binding="cf:ReportServiceSoap11"><soap:address location="{{address}}"/></wsdl:port>
                <wsdl:port name="ReportServiceSoap12" binding="cf:ReportServiceSoap12"><soap12:address location="{{address}}"/></wsdl:port>
              </wsdl:service>
            </wsdl:definitions>
            """;
    }
}
