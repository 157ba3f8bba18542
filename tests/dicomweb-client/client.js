'use strict';
// Drives CloudFilm's DICOMweb resources with the dicomweb-client package, as a web viewer does, for
// tests/CloudFilm.Api.Tests/DicomWeb/DicomWebClientTests.cs. Node has no XMLHttpRequest, which the package uses:
// xhr2 provides it.
//
//   node client.js <dicomweb root> <api key> <Part 10 file to store> <PatientName query> <where to write the retrieved instance>
//
// Prints one JSON object of what each call answered on stdout; on a failure prints which call failed, with the HTTP
// status and body, on stderr and exits 1 (2 when the npm packages are not installed).

const fs = require('fs');

let api;
try {
  global.XMLHttpRequest = require('xhr2');
  api = require('dicomweb-client').api;
} catch (e) {
  console.error(`the npm packages are not installed (run "npm ci" in ${__dirname}): ${e.message}`);
  process.exit(2);
}

const [root, key, toStore, patientName, retrievedPath] = process.argv.slice(2);
if (!retrievedPath) {
  console.error('usage: node client.js <dicomweb root> <api key> <Part 10 file> <PatientName query> <retrieved instance path>');
  process.exit(2);
}

const client = new api.DICOMwebClient({ url: root, headers: { 'X-Api-Key': key }, verbose: false });

/** The value of a DICOM JSON attribute (tag as 8 hex digits), or undefined. */
const value = (dataset, tag) => (dataset[tag] && dataset[tag].Value ? dataset[tag].Value[0] : undefined);

/** Runs one client call, naming it when it fails. */
async function step(name, call) {
  try {
    return await call();
  } catch (e) {
    let body = e.response;
    if (body instanceof ArrayBuffer) {
      body = Buffer.from(body).toString('utf8');
    } else if (body !== undefined && typeof body !== 'string') {
      body = JSON.stringify(body);
    }
    throw new Error(`${name} failed: ${e.status !== undefined ? `HTTP ${e.status} ` : ''}${e.message}${body ? `: ${body}` : ''}`);
  }
}

async function main() {
  const file = fs.readFileSync(toStore);
  const stored = await step('storeInstances', () =>
    client.storeInstances({ datasets: [file.buffer.slice(file.byteOffset, file.byteOffset + file.length)] }));
  const storeAnswer = typeof stored === 'string' && stored.length > 0 ? JSON.parse(stored) : stored;

  const studies = await step('searchForStudies', () => client.searchForStudies({ queryParams: { PatientName: patientName } }));
  if (studies.length !== 1) {
    throw new Error(`searchForStudies found ${studies.length} studies for PatientName=${patientName}: ${JSON.stringify(studies)}`);
  }
  const study = studies[0];
  const studyInstanceUID = value(study, '0020000D');

  const series = await step('searchForSeries', () => client.searchForSeries({ studyInstanceUID }));
  const seriesInstanceUID = value(series[0], '0020000E');

  const metadata = await step('retrieveSeriesMetadata', () => client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID }));
  const first = metadata.slice().sort((a, b) => value(a, '00200013') - value(b, '00200013'))[0];
  const sopInstanceUID = value(first, '00080018');

  const frames = await step('retrieveInstanceFrames', () =>
    client.retrieveInstanceFrames({ studyInstanceUID, seriesInstanceUID, sopInstanceUID, frameNumbers: [1] }));

  const instance = await step('retrieveInstance', () => client.retrieveInstance({ studyInstanceUID, seriesInstanceUID, sopInstanceUID }));
  fs.writeFileSync(retrievedPath, Buffer.from(instance));

  const name = value(study, '00100010') || {};
  process.stdout.write(JSON.stringify({
    stored: (value(storeAnswer, '00081199') && storeAnswer['00081199'].Value.map((s) => value(s, '00081155'))) || [],
    failed: (storeAnswer['00081198'] && storeAnswer['00081198'].Value) || [],
    studies: studies.map((s) => value(s, '0020000D')),
    patientName: { alphabetic: name.Alphabetic, ideographic: name.Ideographic },
    series: series.map((s) => value(s, '0020000E')),
    metadata: metadata.length,
    metadataSopInstanceUIDs: metadata.map((m) => value(m, '00080018')),
    frameSopInstanceUID: sopInstanceUID,
    rows: value(first, '00280010'),
    columns: value(first, '00280011'),
    frames: frames.map((f) => f.byteLength),
    retrievedBytes: instance.byteLength,
  }) + '\n');
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
