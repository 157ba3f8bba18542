using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;

namespace CloudFilm.Dicom.Interop.Tests.Network;

/// <summary>
/// Our SCU (through cfdicom) against Orthanc 1.10, an SCP no one here wrote: C-STORE to fill it, then C-FIND,
/// C-MOVE to our own storage SCP, and C-GET (PS3.4 C.4.1–C.4.3). Everything runs in a private network namespace.
/// </summary>
public class OurScuAgainstOrthancTests
{
    [Fact]
    public async Task Find_move_and_get_against_orthanc_return_what_was_stored()
    {
        using var folder = new TempFolder();
        var sources = InteropData.WriteStudies(folder.Sub("in"), studies: 2, perStudy: 2, root: "1.2.826.0.1.3680043.10.9");
        var moved = folder.Sub("moved");
        var got = folder.Sub("got");
        var results = folder.Sub("results");
        const string study0 = "1.2.826.0.1.3680043.10.9.0";
        const string study1 = "1.2.826.0.1.3680043.10.9.1";
        var configuration = OrthancPeer.WriteConfiguration(folder.Path, new Dictionary<string, int> { ["CFDEST"] = 11113, ["CFSCU"] = 11114 });
        var files = string.Join(' ', sources.Select(s => $"\"{s}\""));
        var cfdicom = Path.Combine(AppContext.BaseDirectory, "cfdicom.dll");
        File.Exists(cfdicom).Should().BeTrue("cfdicom is built with the interop tests");

        // Every step is bounded, so a stuck peer fails the test with its output instead of hanging it.
        var (exit, output) = await OrthancPeer.RunIsolatedAsync(folder.Path, configuration, $$"""
            CFDICOM="timeout 30 dotnet {{cfdicom}}"
            $CFDICOM store -aet CFSCU -aec ORTHANC 127.0.0.1 $ORTHANC_PORT {{files}} > "{{results}}/store.txt" 2>&1; echo $? > "{{results}}/store.rc"
            $CFDICOM find -aet CFSCU -aec ORTHANC -S -k 0008,0052=STUDY -k 0020,000D -k 0010,0010 -k 0010,0020 127.0.0.1 $ORTHANC_PORT > "{{results}}/find.txt" 2>&1; echo $? > "{{results}}/find.rc"
            $CFDICOM scp -aet CFDEST -od "{{moved}}" 11113 > "{{results}}/scp.txt" 2>&1 &
            scp_pid=$!
            wait_port 11113
            $CFDICOM move -aet CFSCU -aec ORTHANC -S -dest CFDEST -k 0008,0052=STUDY -k 0020,000D={{study0}} 127.0.0.1 $ORTHANC_PORT > "{{results}}/move.txt" 2>&1; echo $? > "{{results}}/move.rc"
            kill $scp_pid; wait $scp_pid
            $CFDICOM get -aet CFSCU -aec ORTHANC -S -od "{{got}}" -k 0008,0052=STUDY -k 0020,000D={{study1}} 127.0.0.1 $ORTHANC_PORT > "{{results}}/get.txt" 2>&1; echo $? > "{{results}}/get.rc"
            exit 0
            """);

        string Result(string name) => File.Exists(Path.Combine(results, name)) ? File.ReadAllText(Path.Combine(results, name)) : $"({name} missing)";
        var context = $"{output}\n--- orthanc.log\n{(File.Exists(Path.Combine(folder.Path, "orthanc.log")) ? File.ReadAllText(Path.Combine(folder.Path, "orthanc.log")) : "")}";
        exit.Should().Be(0, context);

        Result("store.rc").Trim().Should().Be("0", Result("store.txt") + context);

        Result("find.rc").Trim().Should().Be("0", Result("find.txt"));
        var find = Result("find.txt");
        find.Should().Contain("# 2 match(es), final status 0000");
        find.Should().Contain($"[{study0}]").And.Contain($"[{study1}]").And.Contain("[DOE^PATIENT0]").And.Contain("[P1]");

        Result("move.rc").Trim().Should().Be("0", Result("move.txt") + Result("scp.txt"));
        Result("move.txt").Should().Contain("completed 2, failed 0");
        SameInstances(moved, sources.Where(s => Path.GetFileName(s).StartsWith(study0 + ".", StringComparison.Ordinal)), Result("scp.txt"));
        Result("scp.txt").Should().Contain("ORTHANC->CFDEST@127.0.0.1");

        Result("get.rc").Trim().Should().Be("0", Result("get.txt"));
        Result("get.txt").Should().Contain("completed 2, failed 0");
        SameInstances(got, sources.Where(s => Path.GetFileName(s).StartsWith(study1 + ".", StringComparison.Ordinal)), Result("get.txt"));
    }

    /// <summary>The received files are the sent instances: same UIDs, patient and pixel data bytes.</summary>
    private static void SameInstances(string folder, IEnumerable<string> expected, string because)
    {
        var received = Directory.GetFiles(folder, "*.dcm").Select(Path.GetFileName).Order().ToList();
        var sent = expected.Select(Path.GetFileName).Order().ToList();
        received.Should().Equal(sent, because);
        foreach (var name in sent)
        {
            var original = DicomFile.Open(Path.Combine(Path.GetDirectoryName(expected.First())!, name!)).Dataset;
            var copy = DicomFile.Open(Path.Combine(folder, name!)).Dataset;
            copy.GetString(DicomTags.PatientName).Should().Be(original.GetString(DicomTags.PatientName));
            copy.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray()
                .Should().Equal(original.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray());
        }
    }
}
