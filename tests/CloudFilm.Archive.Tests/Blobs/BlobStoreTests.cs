using CloudFilm.Archive.Blobs;

namespace CloudFilm.Archive.Tests.Blobs;

public sealed class BlobStoreTests : IDisposable
{
    private readonly BlobStore _blobs = new(Path.Combine(Path.GetTempPath(), "cloudfilm-blobstore-" + Guid.NewGuid().ToString("N")[..12]));

    [Fact]
    public void A_guarded_replacement_lands_when_the_stored_copy_is_still_the_one_it_was_made_from()
    {
        var key = BlobStore.KeyOf("1.2.3", "1.2.3.4");
        Commit(key, "original");
        var version = _blobs.VersionOf(key)!.Value;

        var replacement = Temporary("compressed");
        _blobs.ReplaceIfUnchanged(replacement, key, version).Should().BeTrue();

        File.ReadAllText(_blobs.PathOf(key)).Should().Be("compressed");
        File.Exists(replacement).Should().BeFalse();
    }

    [Fact]
    public void A_guarded_replacement_never_overwrites_a_newer_copy_that_arrived_meanwhile()
    {
        var key = BlobStore.KeyOf("1.2.3", "1.2.3.5");
        Commit(key, "first copy");
        var version = _blobs.VersionOf(key)!.Value;
        Commit(key, "corrected resend"); // a newer copy replaces the one the replacement was made from

        var replacement = Temporary("compressed first copy");
        _blobs.ReplaceIfUnchanged(replacement, key, version).Should().BeFalse();

        File.ReadAllText(_blobs.PathOf(key)).Should().Be("corrected resend");
        File.Exists(replacement).Should().BeTrue("the caller decides what to do with it");
    }

    [Fact]
    public void A_missing_object_has_no_version_and_is_not_replaced()
    {
        var key = BlobStore.KeyOf("1.2.3", "1.2.3.6");
        _blobs.VersionOf(key).Should().BeNull();
        _blobs.ReplaceIfUnchanged(Temporary("x"), key, new BlobVersion(1, 1)).Should().BeFalse();
        _blobs.Exists(key).Should().BeFalse();
    }

    public void Dispose()
    {
        if (Directory.Exists(_blobs.Root))
        {
            Directory.Delete(_blobs.Root, recursive: true);
        }
    }

    private void Commit(string key, string content) => _blobs.Commit(Temporary(content), key);

    private string Temporary(string content)
    {
        using var file = _blobs.CreateTemporary();
        file.Write(System.Text.Encoding.UTF8.GetBytes(content));
        file.Flush(flushToDisk: true);
        return file.Name;
    }
}
