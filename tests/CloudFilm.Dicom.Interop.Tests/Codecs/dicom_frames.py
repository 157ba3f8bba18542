"""Moves pixel frames between raw files and DICOM files for the codec interop tests (pydicom 2.x).

native-to-file RAW OUT ROWS COLS SPP BA BS SIGNED PHOTOMETRIC
    write a native Explicit VR Little Endian file holding RAW as one frame
encapsulated-to-file OUT TSUID ROWS COLS SPP BA BS SIGNED PHOTOMETRIC FRAME...
    write an encapsulated file, one fragment per frame file
frames IN OUTDIR
    write OUTDIR/info.json (pixel module + transfer syntax) and OUTDIR/frameN.bin (native bytes per frame,
    or the joined fragments of each encapsulated frame)
"""
import json
import os
import sys

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_pixel_data_frame
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

SC = "1.2.840.10008.5.1.4.1.1.7"


def base(ts, rows, cols, spp, ba, bs, signed, photometric, frames):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SC
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ts
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = SC
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.Rows = rows
    ds.Columns = cols
    ds.SamplesPerPixel = spp
    ds.BitsAllocated = ba
    ds.BitsStored = bs
    ds.HighBit = bs - 1
    ds.PixelRepresentation = signed
    ds.PhotometricInterpretation = photometric
    if spp > 1:
        ds.PlanarConfiguration = 0
    if frames > 1:
        ds.NumberOfFrames = frames
    return ds


def main(argv):
    cmd = argv[0]
    if cmd == "native-to-file":
        raw, out = argv[1], argv[2]
        rows, cols, spp, ba, bs, signed = (int(v) for v in argv[3:9])
        ds = base(ExplicitVRLittleEndian, rows, cols, spp, ba, bs, signed, argv[9], 1)
        data = open(raw, "rb").read()
        if len(data) % 2:
            data += b"\0"
        ds.PixelData = data
        ds["PixelData"].VR = "OB" if ba <= 8 else "OW"
        ds.save_as(out, write_like_original=False)
    elif cmd == "encapsulated-to-file":
        out, ts = argv[1], argv[2]
        rows, cols, spp, ba, bs, signed = (int(v) for v in argv[3:9])
        frames = [open(p, "rb").read() for p in argv[10:]]
        ds = base(ts, rows, cols, spp, ba, bs, signed, argv[9], len(frames))
        ds.PixelData = encapsulate(frames)
        ds["PixelData"].VR = "OB"
        ds["PixelData"].is_undefined_length = True
        ds.save_as(out, write_like_original=False)
    elif cmd == "frames":
        ds = pydicom.dcmread(argv[1])
        outdir = argv[2]
        os.makedirs(outdir, exist_ok=True)
        ts = str(ds.file_meta.TransferSyntaxUID)
        n = int(getattr(ds, "NumberOfFrames", 1) or 1)
        info = {
            "TransferSyntaxUid": ts,
            "Rows": int(ds.Rows),
            "Columns": int(ds.Columns),
            "SamplesPerPixel": int(ds.SamplesPerPixel),
            "BitsAllocated": int(ds.BitsAllocated),
            "BitsStored": int(ds.BitsStored),
            "HighBit": int(ds.HighBit),
            "PixelRepresentation": int(ds.PixelRepresentation),
            "PhotometricInterpretation": str(ds.PhotometricInterpretation),
            "PlanarConfiguration": int(getattr(ds, "PlanarConfiguration", 0) or 0),
            "Frames": n,
        }
        if ds["PixelData"].is_undefined_length:
            for i, frame in enumerate(generate_pixel_data_frame(ds.PixelData, n)):
                open(os.path.join(outdir, "frame%d.bin" % i), "wb").write(frame)
        else:
            size = info["Rows"] * info["Columns"] * info["SamplesPerPixel"] * info["BitsAllocated"] // 8
            for i in range(n):
                open(os.path.join(outdir, "frame%d.bin" % i), "wb").write(ds.PixelData[i * size:(i + 1) * size])
        json.dump(info, open(os.path.join(outdir, "info.json"), "w"))
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
