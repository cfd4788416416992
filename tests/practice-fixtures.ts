import type { CaseSteps } from '../src/lib/server/practice/case-file-rules.ts';

/** A complete, valid practice case for Arneses Lerma (fictional). */
export function validCase(): Required<CaseSteps> {
  return {
    orden: {
      inspectionType: 'ordinaria',
      origin: 'programa',
      orderDate: '2026-03-02',
      subjects: 'Subcontratación y servicios especializados',
      motivation: 'Programa anual de inspecciones en subcontratación; LFT, arts. 540, 541 y 542, fr. II.',
      noticeTerm: '24 horas',
      noticeBasis: 'RGITAS, artículo por verificar en el DOF; lo tomé del texto vigente publicado.',
    },
    visita: {
      noticeDate: '2026-03-03',
      visitDate: '2026-03-05',
      credentialShown: 'on',
      workingHours: 'on',
      attendees: 'Gerente de recursos humanos',
    },
    acta: {
      actaDate: '2026-03-05',
      workersIntervened: 'on',
      employerIntervened: 'on',
      copyDelivered: 'on',
      finding1: '1,020 operadoras pagadas por Servicios Operativos Xinantécatl bajo mando de Arneses Lerma.',
      finding1Basis: 'LFT, art. 12',
      statementTerm: 'Cinco días hábiles',
      statementBasis: 'RGITAS, artículo por verificar; lo confirmé en el texto vigente del DOF.',
    },
    emplazamiento: {
      emplazamientoDate: '2026-03-10',
      notifiedOn: '2026-03-11',
      measure1: 'Incorporar a la nómina al personal de las líneas de ensamble.',
      measure1Basis: 'LFT, art. 12 y art. 15',
      measure1Deadline: '2026-04-30',
      termBasis: 'RGITAS, artículo por verificar; plazo proporcional a la complejidad de la medida.',
    },
    comprobacion: { verificationDate: '2026-05-04', result1: 'no_cumplida', evidence: 'Nóminas de abril sin el personal de Xinantécatl.' },
    sancion: {
      hearingDate: '2026-05-20',
      resolutionDate: '2026-06-01',
      fineArticle: '1004-C',
      fineUma: '5000',
      criteria: 'Intencional, grave, afecta a 1,020 personas; empresa grande; sin reincidencia.',
    },
  };
}
