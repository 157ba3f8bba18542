using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public sealed class FolderStoreHandlerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cf-store-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static StoreRequest Request(string sopInstance) => new(
        new AssociationInfo { CallingAeTitle = "MODALITY", CalledAeTitle = "CLOUDFILM", RemoteEndPoint = "127.0.0.1:1", PresentationContexts = [] },
        1, DicomUids.CTImageStorage, sopInstance, DicomUids.ExplicitVRLittleEndian, 0, null, null);

    [Fact]
    public async Task Fragments_of_every_size_land_in_order_after_the_meta_header()
    {
        // Small, batch-filling and larger-than-batch fragments, so every path of the batching is taken.
        int[] sizes = [1, 16_384, 100_000, 131_072, 7, 300_000, 16_384, 3];
        var random = new Random(5);
        var expected = new List<byte>();
        var handler = new FolderStoreHandler(_folder);

        await using (var sink = await handler.BeginStoreAsync(Request("1.2.3.4"), CancellationToken.None))
        {
            foreach (var size in sizes)
            {
                var fragment = new byte[size];
                random.NextBytes(fragment);
                expected.AddRange(fragment);
                await sink.WriteAsync(fragment, CancellationToken.None);
            }

            (await sink.CompleteAsync(CancellationToken.None)).Status.IsSuccess.Should().BeTrue();
        }

        var path = Path.Combine(_folder, "1.2.3.4.dcm");
        var header = DicomFileHeader.Read(path);
        header.SopInstanceUid.Should().Be("1.2.3.4");
        File.ReadAllBytes(path)[(int)header.DataSetOffset..].Should().Equal(expected);
        Directory.GetFiles(_folder).Should().ContainSingle("the temporary file was renamed");
    }

    [Fact]
    public async Task An_abandoned_instance_leaves_no_file()
    {
        var handler = new FolderStoreHandler(_folder);

        await using (var sink = await handler.BeginStoreAsync(Request("1.2.3.5"), CancellationToken.None))
        {
            await sink.WriteAsync(new byte[200_000], CancellationToken.None);
        }

        Directory.GetFiles(_folder).Should().BeEmpty();
    }
}
