/**
 * The sandbox agency, "Pleasantville Insurance": the settings its lookups
 * answer with. Fixed data, so lead routing and quotes resolve the same way on
 * every run. Carrier codes are the industry codes CoverHound documents, so a
 * quote's carrierCode resolves to an AgencyZoom carrier; product lines use
 * ACORD line-of-business codes.
 */
import type { Carrier, Employee, LeadSource, Pipeline, ProductLine } from '../schemas.ts';

export const PIPELINES: Pipeline[] = [
  {
    id: '1',
    name: 'Personal Lines',
    type: 'lead',
    seq: 1,
    status: 0,
    stages: [
      { id: '11', name: 'New Lead', seq: 1, status: 0 },
      { id: '12', name: 'Contacted', seq: 2, status: 0 },
      { id: '13', name: 'Quoted', seq: 3, status: 0 },
      { id: '14', name: 'Follow Up', seq: 4, status: 0 },
    ],
  },
  {
    id: '2',
    name: 'Commercial Lines',
    type: 'lead',
    seq: 2,
    status: 0,
    stages: [
      { id: '21', name: 'New Lead', seq: 1, status: 0 },
      { id: '22', name: 'Quoted', seq: 2, status: 0 },
    ],
  },
];

export const LEAD_SOURCES: LeadSource[] = [
  { id: 101, name: 'Dealer Website', excludeAsSales: false, categoryId: 1 },
  { id: 102, name: 'Walk-in', excludeAsSales: false, categoryId: 2 },
  { id: 103, name: 'Referral', excludeAsSales: false, categoryId: 2 },
  { id: 104, name: 'Internal Transfer', excludeAsSales: true, categoryId: 3 },
];

const employee = (
  e: Pick<Employee, 'id' | 'firstname' | 'lastname' | 'email' | 'phone' | 'isProducer' | 'isActive' | 'isOwner' | 'userId'>,
): Employee => ({ ...e, avatar: null, externalSystem: null, externalIds: [] });

/** The owner logs in with the sandbox account; producers are who leads are assigned to. */
export const EMPLOYEES: Employee[] = [
  employee({
    id: 201,
    firstname: 'Pat',
    lastname: 'Pleasant',
    email: 'agent@pleasantville.example',
    phone: '(555) 010-0100',
    isProducer: true,
    isActive: true,
    isOwner: true,
    userId: 9001,
  }),
  employee({
    id: 202,
    firstname: 'Riley',
    lastname: 'Rivera',
    email: 'riley@pleasantville.example',
    phone: '(555) 010-0101',
    isProducer: true,
    isActive: true,
    isOwner: false,
    userId: 9002,
  }),
  employee({
    id: 203,
    firstname: 'Sam',
    lastname: 'Service',
    email: 'sam@pleasantville.example',
    phone: '(555) 010-0102',
    isProducer: false,
    isActive: true,
    isOwner: false,
    userId: 9003,
  }),
  employee({
    id: 204,
    firstname: 'Former',
    lastname: 'Producer',
    email: 'former@pleasantville.example',
    phone: null,
    isProducer: true,
    isActive: false,
    isOwner: false,
    userId: 9004,
  }),
];

/** CoverHound's documented carrier codes and names (coverhound-quotes-api.txt, priorCarrier). */
const CARRIER_CODES: Array<[name: string, code: string]> = [
  ['21st Century', '21CEN'],
  ['AAA', 'AAA'],
  ['AARP', 'AARP'],
  ['Acuity', 'ACUIT'],
  ['Allstate', 'ALLST'],
  ['AmFam', 'AMFAM'],
  ['Amica', 'AMMUT'],
  ['Auto Club', 'AUTOC'],
  ['Bristol West', 'BRSTL'],
  ['CAIC', 'CAIC'],
  ['Century National', 'CENTN'],
  ['COUNTRY', 'CNTRY'],
  ['CSE', 'CSEI'],
  ['Dairyland', 'DAIRY'],
  ['Direct General', 'DIRGG'],
  ['Electric', 'ELECT'],
  ['Elephant', 'ELEPH'],
  ['Encompass', 'ENCMP'],
  ['Erie', 'ERIEG'],
  ['Esurance', 'ESRNC'],
  ['Farmers', 'FARMS'],
  ["Fireman's Fund", 'FIREM'],
  ['Foremost', 'FOREM'],
  ['Geico', 'GEICO'],
  ['Good2Go', 'OMNIG'],
  ['High Point', 'PALIS'],
  ['iMingle', 'IMING'],
  ['Infinity', 'INFINI'],
  ['Kemper', 'KEMPR'],
  ['Liberty Mutual', 'LBRTY'],
  ['MAPFRE', 'MAPFR'],
  ['Mercury', 'MRMCC'],
  ['MetLife', 'METRO'],
  ['National General Insurance', 'GMAC'],
  ['Nationwide', 'NTNWD'],
  ['Pacific Specialty', 'PACSP'],
  ['Plymouth Rock', 'PLYMT'],
  ['Progressive', 'PROGR'],
  ['SafeAuto', 'SAFEA'],
  ['Safeco', 'SAFEC'],
  ['Shelter Insurance', 'SHLTR'],
  ['State Auto', 'STATA'],
  ['State Farm', 'SFARM'],
  ['Stillwater', 'FIDNT'],
  ['The General', 'GENRL'],
  ['The Hartford', 'HARTF'],
  ['Titan', 'TITAN'],
  ['Travelers', 'TRAVL'],
  ['Unitrin', 'UNTRN'],
  ['Universal North America', 'UNAIC'],
  ['USAA', 'USAAG'],
  ["Workmen's", 'WRKMN'],
];

export const CARRIERS: Carrier[] = CARRIER_CODES.map(([name, code], i) => ({ id: 301 + i, name, standardCarrierCode: code }));

export const PRODUCT_LINES: ProductLine[] = [
  { id: 401, name: 'Personal Auto', productCategoryId: 1, standardProductLineCode: 'AUTOP' },
  { id: 402, name: 'Homeowners', productCategoryId: 1, standardProductLineCode: 'HOME' },
  { id: 403, name: 'Personal Umbrella', productCategoryId: 1, standardProductLineCode: 'UMBRP' },
  { id: 404, name: 'Commercial Auto', productCategoryId: 2, standardProductLineCode: 'AUTOB' },
];

/** A record by id, else by its standard code (case-insensitive); the seed makes the code an alternative to the id. */
export function resolve<T extends { id: number }>(
  list: T[],
  id: number | undefined,
  code: string | undefined,
  codeOf: (item: T) => string | null | undefined,
): T | undefined {
  const wanted = code?.trim().toUpperCase();
  return list.find((item) => item.id === id) ?? (wanted ? list.find((item) => codeOf(item)?.toUpperCase() === wanted) : undefined);
}
