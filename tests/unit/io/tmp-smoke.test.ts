import { parseText, previewText } from '../../../src/lib/io/import';
it('smoke', () => {
  const text = '\uFEFFAccount Name,MRR,Days Since Last Touch,Usage %,Sentiment,Owner\r\n"Acme","$24,000",38,42%,55,Jane\r\n"Multi\nline",100,3/4/2026,0.5,4,\r\n,,,,,\r\nBad,abc,-1,140%,200,\r\n\r\n';
  const r = parseText(text, { today: 20600 });
  console.log(JSON.stringify(r, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as number[]) : v), 1));
  console.log(JSON.stringify(previewText(text, 5)));
});
