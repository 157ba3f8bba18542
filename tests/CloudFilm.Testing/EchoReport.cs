using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Testing;

/// <summary>A Comprehensive SR like an ultrasound AI host sends: an echo report with LVEF, IVSd, LVIDd and E/A.</summary>
public static class EchoReport
{
    public static DicomDataset Build(TestSeries study, string sopInstanceUid)
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.Set(DicomTags.SOPClassUID, DicomUids.ComprehensiveSRStorage);
        ds.Set(DicomTags.SOPInstanceUID, sopInstanceUid);
        ds.Set(DicomTags.StudyInstanceUID, study.StudyInstanceUid);
        ds.Set(DicomTags.SeriesInstanceUID, DicomUidGenerator.NewUid());
        ds.Set(DicomTags.Modality, "SR");
        ds.Set(DicomTags.PatientName, study.PatientName);
        ds.Set(DicomTags.PatientID, study.PatientId);
        ds.Set(DicomTags.IssuerOfPatientID, study.Issuer);
        ds.Set(DicomTags.AccessionNumber, study.AccessionNumber);
        ds.Set(DicomTags.StudyDate, study.StudyDate);
        ds.Set(DicomTags.ValueType, "CONTAINER");
        ds.Add(new DicomSequence(DicomTags.ConceptNameCodeSequence, Code("125200", "DCM", "Adult Echocardiography Procedure Report")));
        ds.Add(new DicomSequence(DicomTags.ContentSequence,
            Container("111028", "DCM", "Image Library"),
            Container("125007", "DCM", "Measurement Group",
                FindingSite("87878005", "SCT", "Left Ventricle"),
                Num("10230-1", "LN", "Left Ventricular Ejection Fraction", "62.5", "%", "%"),
                Num("18154-0", "LN", "Interventricular Septum Diastolic Thickness", "0.9", "cm", "cm"),
                Num("29436-3", "LN", "Left Ventricle Internal End Diastolic Dimension", "4.8", "cm", "cm")),
            Container("125007", "DCM", "Measurement Group",
                FindingSite("91134007", "SCT", "Mitral Valve"),
                Num("18038-5", "LN", "Mitral Valve E/A Ratio", "1.3", "{ratio}", "ratio"),
                Num("99XYZ", "99AI", "placeholder", "0.82", "m/s", "m/s"))));
        // Text joins the tree before it is set, so it is encoded in the character set it inherits (ISO_IR 192).
        ds.FindSequence(DicomTags.ContentSequence)!.Items[2].FindSequence(DicomTags.ContentSequence)!.Items[2]
            .FindSequence(DicomTags.ConceptNameCodeSequence)!.Items[0].Set(DicomTags.CodeMeaning, "二尖瓣 E 峰");
        return ds;
    }

    private static DicomDataset Code(string value, string scheme, string meaning)
    {
        var code = new DicomDataset();
        code.Set(DicomTags.CodeValue, value).Set(DicomTags.CodingSchemeDesignator, scheme).Set(DicomTags.CodeMeaning, meaning);
        return code;
    }

    private static DicomDataset Container(string value, string scheme, string meaning, params DicomDataset[] children)
    {
        var item = new DicomDataset();
        item.Set(DicomTags.RelationshipType, "CONTAINS");
        item.Set(DicomTags.ValueType, "CONTAINER");
        item.Add(new DicomSequence(DicomTags.ConceptNameCodeSequence, Code(value, scheme, meaning)));
        if (children.Length > 0)
        {
            item.Add(new DicomSequence(DicomTags.ContentSequence, children));
        }
        return item;
    }

    private static DicomDataset FindingSite(string value, string scheme, string meaning)
    {
        var item = new DicomDataset();
        item.Set(DicomTags.RelationshipType, "HAS CONCEPT MOD");
        item.Set(DicomTags.ValueType, "CODE");
        item.Add(new DicomSequence(DicomTags.ConceptNameCodeSequence, Code("363698007", "SCT", "Finding Site")));
        item.Add(new DicomSequence(DicomTags.ConceptCodeSequence, Code(value, scheme, meaning)));
        return item;
    }

    private static DicomDataset Num(string value, string scheme, string meaning, string number, string unitsCode, string unitsMeaning)
    {
        var item = new DicomDataset();
        item.Set(DicomTags.RelationshipType, "CONTAINS");
        item.Set(DicomTags.ValueType, "NUM");
        item.Add(new DicomSequence(DicomTags.ConceptNameCodeSequence, Code(value, scheme, meaning)));
        var measured = new DicomDataset();
        measured.Set(DicomTags.NumericValue, number);
        measured.Add(new DicomSequence(DicomTags.MeasurementUnitsCodeSequence, Code(unitsCode, "UCUM", unitsMeaning)));
        item.Add(new DicomSequence(DicomTags.MeasuredValueSequence, measured));
        return item;
    }
}
