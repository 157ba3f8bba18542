using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Dicom.Tests.Json;

/// <summary>
/// A data set with one attribute of every VR of PS3.5 Table 6.2-1 (standard tags, plus a private UN with its
/// creator), Chinese text in the given Specific Character Set. Shared with the interop tests.
/// </summary>
internal static class EveryVrDataset
{
    public static readonly DicomTag PrivateCreator = new(0x0009, 0x0010);
    public static readonly DicomTag PrivateUnknown = new(0x0009, 0x1001);

    /// <summary>The tag that carries each VR in <see cref="Build"/>.</summary>
    public static readonly IReadOnlyDictionary<string, DicomTag> TagOf = new Dictionary<string, DicomTag>
    {
        ["AE"] = DicomTags.RetrieveAETitle,
        ["AS"] = DicomTags.PatientAge,
        ["AT"] = DicomTags.FrameIncrementPointer,
        ["CS"] = DicomTags.ImageType,
        ["DA"] = DicomTags.StudyDate,
        ["DS"] = DicomTags.PixelSpacing,
        ["DT"] = DicomTags.AcquisitionDateTime,
        ["FL"] = DicomTags.RecommendedDisplayFrameRateInFloat,
        ["FD"] = DicomTags.TimeRange,
        ["IS"] = DicomTags.InstanceNumber,
        ["LO"] = DicomTags.StudyDescription,
        ["LT"] = DicomTags.ImageComments,
        ["OB"] = DicomTags.EncapsulatedDocument,
        ["OD"] = DicomTags.VolumetricCurveUpDirections,
        ["OF"] = DicomTags.VectorGridData,
        ["OL"] = DicomTags.LongEdgePointIndexList,
        ["OV"] = DicomTags.ExtendedOffsetTableLengths,
        ["OW"] = DicomTags.BluePaletteColorLookupTableData,
        ["PN"] = DicomTags.PerformingPhysicianName,
        ["SH"] = DicomTags.AccessionNumber,
        ["SL"] = DicomTags.DopplerSampleVolumeXPosition,
        ["SQ"] = DicomTags.ReferencedImageSequence,
        ["SS"] = DicomTags.ExposureControlSensingRegionRightVerticalEdge,
        ["ST"] = DicomTags.InstitutionAddress,
        ["SV"] = DicomTags.SelectorSVValue,
        ["TM"] = DicomTags.StudyTime,
        ["UC"] = DicomTags.LongCodeValue,
        ["UI"] = DicomTags.SOPInstanceUID,
        ["UL"] = DicomTags.SimpleFrameList,
        ["UN"] = PrivateUnknown,
        ["UR"] = DicomTags.RetrieveURL,
        ["US"] = DicomTags.Rows,
        ["UT"] = DicomTags.StrainAdditionalInformation,
        ["UV"] = DicomTags.SelectorUVValue,
    };

    public static DicomDataset Build(string characterSet = "ISO_IR 192")
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, characterSet);
        ds.Set(TagOf["AE"], DicomVR.AE, "STORESCP");
        ds.Set(TagOf["AS"], DicomVR.AS, "051Y");
        ds.Set(TagOf["AT"], DicomVR.AT, DicomTags.FrameTime, DicomTags.PatientID);
        ds.Set(TagOf["CS"], DicomVR.CS, "ORIGINAL", "", "AXIAL");
        ds.Set(TagOf["DA"], DicomVR.DA, "20240102");
        ds.Set(TagOf["DS"], DicomVR.DS, "0.5", "-1.25E3");
        ds.Set(TagOf["DT"], DicomVR.DT, "20240102030405.123456+0800");
        ds.Set(TagOf["FL"], DicomVR.FL, 12.5f);
        ds.Set(TagOf["FD"], DicomVR.FD, 1.25, -3e-5);
        ds.Set(TagOf["IS"], DicomVR.IS, "42");
        ds.Set(TagOf["LO"], DicomVR.LO, "胸部 CT");
        ds.Set(TagOf["LT"], DicomVR.LT, "第一行\r\nline two");
        ds.Set(TagOf["OB"], DicomVR.OB, (byte)1, (byte)2, (byte)3, (byte)4);
        ds.Set(TagOf["OD"], DicomVR.OD, 0.5, -2.0);
        ds.Set(TagOf["OF"], DicomVR.OF, 1.5f, 3f);
        ds.Set(TagOf["OL"], DicomVR.OL, 7u, 4_000_000_000u);
        ds.Set(TagOf["OV"], DicomVR.OV, 9UL, ulong.MaxValue);
        ds.Set(TagOf["OW"], DicomVR.OW, (ushort)1, (ushort)65535);
        ds.Set(TagOf["PN"], DicomVR.PN, "Zhang^San=张^三=zhang^san", "Li^Si");
        ds.Set(TagOf["SH"], DicomVR.SH, "A-1");
        ds.Set(TagOf["SL"], DicomVR.SL, -5, 70000);
        var item = new DicomDataset();
        ds.Add(new DicomSequence(TagOf["SQ"], item, new DicomDataset()));
        item.Set(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3.4.5");
        item.Set(DicomTags.CodeMeaning, DicomVR.LO, "胸");
        ds.Set(TagOf["SS"], DicomVR.SS, (short)-3);
        ds.Set(TagOf["ST"], DicomVR.ST, "  北京市 leading spaces kept");
        ds.Set(TagOf["SV"], DicomVR.SV, -(1L << 60), 5L);
        ds.Set(TagOf["TM"], DicomVR.TM, "123456.789");
        ds.Set(TagOf["UC"], DicomVR.UC, "unlimited", "characters");
        ds.Set(TagOf["UI"], DicomVR.UI, "1.2.840.10008.1.2.1");
        ds.Set(TagOf["UL"], DicomVR.UL, 4_000_000_000u, 1u);
        ds.Set(PrivateCreator, DicomVR.LO, "CLOUDFILM TEST");
        ds.Set(TagOf["UN"], DicomVR.UN, (byte)9, (byte)8, (byte)7, (byte)6);
        ds.Set(TagOf["UR"], DicomVR.UR, "http://example.com/dicomweb/studies/1");
        ds.Set(TagOf["US"], DicomVR.US, (ushort)512);
        ds.Set(TagOf["UT"], DicomVR.UT, "unlimited text");
        ds.Set(TagOf["UV"], DicomVR.UV, (1UL << 63) + 1, 7UL);
        return ds;
    }
}
