"""Exports the pixel frames of DICOM files for the codec benchmark (pydicom 2.x), in one process.

export OUTDIR FILE...   writes OUTDIR/N.bin (native frame bytes, or joined fragments of encapsulated frame 1)
                        and OUTDIR/manifest.json with the pixel module of each file
"""
import json
import os
import sys

import pydicom
from pydicom.encaps import generate_pixel_data_frame


def main(argv):
    if argv[0] != "export":
        raise SystemExit("unknown command " + argv[0])
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    manifest = []
    for i, path in enumerate(argv[2:]):
        ds = pydicom.dcmread(path)
        if ds["PixelData"].is_undefined_length:
            data = next(generate_pixel_data_frame(ds.PixelData, 1))
        else:
            size = ds.Rows * ds.Columns * ds.SamplesPerPixel * ds.BitsAllocated // 8
            data = ds.PixelData[:size]
        name = os.path.join(outdir, "%d.bin" % i)
        open(name, "wb").write(data)
        manifest.append({
            "Source": path,
            "Frame": name,
            "TransferSyntaxUid": str(ds.file_meta.TransferSyntaxUID),
            "Rows": int(ds.Rows),
            "Columns": int(ds.Columns),
            "SamplesPerPixel": int(ds.SamplesPerPixel),
            "BitsAllocated": int(ds.BitsAllocated),
            "BitsStored": int(ds.BitsStored),
            "HighBit": int(ds.HighBit),
            "PixelRepresentation": int(ds.PixelRepresentation),
            "PhotometricInterpretation": str(ds.PhotometricInterpretation),
        })
    json.dump(manifest, open(os.path.join(outdir, "manifest.json"), "w"))


if __name__ == "__main__":
    main(sys.argv[1:])
