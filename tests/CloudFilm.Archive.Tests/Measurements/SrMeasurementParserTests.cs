using CloudFilm.Archive.Measurements;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Archive.Tests.Measurements;

public class SrMeasurementParserTests
{
    private static IReadOnlyList<Measurement> Parse(MeasurementMapping? mapping = null) =>
        SrMeasurementParser.Parse(EchoReport.Build(new TestSeries(), DicomUidGenerator.NewUid()), mapping ?? MeasurementMapping.Default);

    [Fact]
    public void Every_numeric_item_becomes_a_measurement_in_document_order()
    {
        Parse().Select(m => m.ConceptMeaning).Should().Equal(
            "Left Ventricular Ejection Fraction", "Interventricular Septum Diastolic Thickness", "Left Ventricle Internal End Diastolic Dimension",
            "Mitral Valve E/A Ratio", "二尖瓣 E 峰");
    }

    [Fact]
    public void Value_units_code_and_context_are_kept()
    {
        var lvef = Parse()[0];

        lvef.Value.Should().Be(62.5m);
        lvef.UnitsCode.Should().Be("%");
        lvef.ConceptCode.Should().Be("10230-1");
        lvef.ConceptScheme.Should().Be("LN");
        lvef.Context.Should().Be("Adult Echocardiography Procedure Report > Measurement Group");
        lvef.Ordinal.Should().Be(1);
    }

    [Fact]
    public void The_finding_site_of_the_group_applies_to_its_measurements()
    {
        var all = Parse();
        all[0].FindingSite.Should().Be("Left Ventricle");
        all[3].FindingSite.Should().Be("Mitral Valve");
    }

    [Fact]
    public void The_default_mapping_fills_the_echo_report_fields()
    {
        Parse().Select(m => m.ReportField).Should().Equal("LVEF", "IVSd", "LVIDd", "E/A", null);
    }

    [Fact]
    public void A_site_mapping_can_name_a_private_code_by_meaning()
    {
        var mapping = new MeasurementMapping { Fields = [new() { Field = "MV E", Meaning = "二尖瓣 E 峰" }] };

        Parse(mapping).Select(m => m.ReportField).Should().Equal(null, null, null, null, "MV E");
    }

    [Fact]
    public void A_scheme_in_a_rule_must_match()
    {
        new MeasurementMapping { Fields = [new() { Field = "X", Code = "10230-1", Scheme = "SCT" }] }.FieldFor("10230-1", "LN", "").Should().BeNull();
        new MeasurementMapping { Fields = [new() { Field = "X", Code = "10230-1" }] }.FieldFor("10230-1", "LN", "").Should().Be("X");
    }
}
