import { formatDay } from '../../shared/catalogues.ts';
import { drawQrCode, newPdf, pdfBytes, write } from '../../shared/pdf.ts';

/** What the certificate states, already in the holder's language. */
export interface CertificateContent {
  locale: string;
  issuerName: string;
  holderName: string;
  achievementName: string;
  achievementType: string;
  description: string;
  criteria: string;
  /** Competencies the credential aligns to, and the level reached where it states one. */
  competencies: { name: string; framework: string; level?: string }[];
  issuedAt: string;
  validUntil: string | null;
  status: 'active' | 'suspended' | 'revoked';
  credentialId: string;
  verifyUrl: string;
  labels: CertificateLabels;
}

/** The certificate's own words (`messages.certificate` of the catalogues, as the tenant words them). */
export interface CertificateLabels {
  title: string;
  awardedTo: string;
  competencies: string;
  level: string;
  issued: string;
  validUntil: string;
  verify: string;
  scan: string;
  number: string;
  revoked: string;
  suspended: string;
}

/** A date on the certificate as the web app writes it in that language ("6-dekabr, 2026", "२०२६ डिसेम्बर ६"), the UTC day. */
export function certificateDate(iso: string, locale: string): string {
  const date = new Date(iso);
  return formatDay(Number.isNaN(date.getTime()) ? iso : date.toISOString(), locale);
}

/** A one-page A4 certificate in the holder's language, with a QR code that opens the public verification page. */
export async function renderCertificate(content: CertificateContent): Promise<Buffer> {
  const { labels } = content;
  const doc = newPdf(content.locale, {
    title: `${labels.title}: ${content.achievementName}`,
    author: content.issuerName,
  });
  const { width, height } = doc.page;
  const margin = 56;
  const inner = width - margin * 2;

  doc
    .lineWidth(3)
    .strokeColor('#1f4e79')
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  doc
    .lineWidth(0.75)
    .rect(36, 36, width - 72, height - 72)
    .stroke();

  doc.fillColor('#1f4e79');
  write(doc, content.issuerName, { weight: 'bold', size: 14, align: 'center', width: inner });
  doc.moveDown(1.2);
  write(doc, labels.title, { weight: 'bold', size: 34, align: 'center', width: inner });
  doc.moveDown(0.3);
  doc.fillColor('#333333');
  write(doc, content.achievementType, { size: 11, align: 'center', width: inner });
  doc.moveDown(1.5);
  doc.fillColor('#000000');
  if (content.locale === 'ne') {
    // Nepali puts the recipient before the phrase: "<name> लाई प्रदान गरिन्छ".
    write(doc, content.holderName, { weight: 'bold', size: 24, align: 'center', width: inner });
    write(doc, labels.awardedTo, { size: 12, align: 'center', width: inner });
  } else {
    write(doc, labels.awardedTo, { size: 12, align: 'center', width: inner });
    doc.moveDown(0.4);
    write(doc, content.holderName, { weight: 'bold', size: 24, align: 'center', width: inner });
  }
  doc.moveDown(1);
  write(doc, content.achievementName, { weight: 'bold', size: 17, align: 'center', width: inner });
  doc.moveDown(0.5);
  write(doc, content.description, { size: 11, align: 'center', width: inner });
  doc.moveDown(0.5);
  doc.fillColor('#333333');
  write(doc, content.criteria, { size: 10, align: 'center', width: inner });

  if (content.competencies.length > 0) {
    doc.moveDown(1.2).fillColor('#1f4e79');
    write(doc, labels.competencies, { weight: 'bold', size: 12, width: inner });
    doc.fillColor('#000000').moveDown(0.3);
    for (const c of content.competencies.slice(0, 12)) {
      const level = c.level ? ` (${labels.level}: ${c.level})` : '';
      write(doc, `• ${c.name}${level}`, { size: 10, width: inner });
    }
    if (content.competencies.length > 12) write(doc, `… +${content.competencies.length - 12}`, { size: 10 });
  }

  // Dates, number and the verification link at the foot, the QR code beside them.
  const qrSize = 110;
  const footY = height - margin - qrSize - 10;
  drawQrCode(doc, content.verifyUrl, width - margin - qrSize, footY, qrSize);
  const textWidth = inner - qrSize - 20;
  doc.fillColor('#000000');
  doc.y = footY;
  doc.x = margin;
  write(doc, `${labels.issued}: ${certificateDate(content.issuedAt, content.locale)}`, { size: 10, width: textWidth });
  if (content.validUntil)
    write(doc, `${labels.validUntil}: ${certificateDate(content.validUntil, content.locale)}`, {
      size: 10,
      width: textWidth,
    });
  write(doc, `${labels.number}: ${content.credentialId}`, { size: 8, width: textWidth });
  doc.moveDown(0.5);
  write(doc, `${labels.verify} (${labels.scan}):`, { size: 9, width: textWidth });
  doc.fillColor('#1f4e79');
  write(doc, content.verifyUrl, { size: 9, width: textWidth, link: content.verifyUrl, underline: true });

  if (content.status !== 'active') {
    doc.fillColor('#b00020');
    doc.x = margin;
    doc.y = footY - 40;
    write(doc, content.status === 'revoked' ? labels.revoked : labels.suspended, {
      weight: 'bold',
      size: 14,
      align: 'center',
      width: inner,
    });
  }
  return pdfBytes(doc);
}
