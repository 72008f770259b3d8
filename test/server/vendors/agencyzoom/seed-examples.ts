/**
 * The seed's own examples (agencyzoom-api.txt), typed in by hand exactly as
 * printed. Requests are what a developer would paste into curl; responses are
 * what our schemas must parse.
 */

// ─── Requests ────────────────────────────────────────────────────────────────

/** "Log the user in" (placeholder credentials; tests swap in the sandbox account). */
export const loginRequest = { username: 'string', password: 'string', version: 'string' };

/** "Create lead". */
export const leadCreateRequest = {
  firstname: 'string',
  lastname: 'string',
  email: 'string',
  phone: 'string',
  secondaryEmail: 'string',
  secondaryPhone: 'string',
  notes: 'string',
  pipelineId: 0,
  stageId: 0,
  contactDate: '2019-01-01',
  soldDate: '2019-01-01',
  leadSourceId: 0,
  assignmentGroupId: 0,
  xDate: '2019-01-01',
  quoteDate: '2019-01-01',
  assignTo: 0,
  csrId: 0,
  streetAddress: 'string',
  streetAddressLine2: 'string',
  city: 'string',
  state: 'string',
  country: 'string',
  zip: 'string',
  agencyNumber: 'string',
  departmentCode: 'string',
  groupCode: 'string',
  customFields: [{}],
  birthday: 'string',
  nickname: 'string',
  maritalStatus: 0,
  tagNames: 'string',
  middlename: 'string',
  nextExpirationDate: 'string',
  otherProducers: [1234],
  otherCsrs: [1234],
};

/** The fields "Create lead" marks required. */
export const LEAD_REQUIRED_FIELDS = ['firstname', 'email', 'pipelineId', 'stageId', 'leadSourceId', 'assignTo', 'country'] as const;

/** "Search leads". */
export const leadSearchRequest = {
  pageSize: 20,
  page: 0,
  sort: 'lastEnterStageDate',
  order: 'asc',
  location: 'string',
  id: 0,
  assignedTo: 0,
  creator: 0,
  status: 0,
  leadSourceId: 0,
  customerName: 'string',
  customerEmail: 'string',
  customerPhone: '(123) 456-7890',
  customerPhoneList: [2834],
  startDate: '2019-01-01',
  endDate: '2019-01-01',
  soldPeriod: 'mtd',
  workflowId: 0,
  workflowStageId: 'string',
  lastActivityEarliestDate: '2019-01-01',
  lastActivityLatestDate: '2019-01-01',
};

/** "Create a lead quote". */
export const leadQuoteCreateRequest = {
  carrierId: 0,
  productLineId: 0,
  items: 1,
  premium: 300,
  customFields: [{}],
  standardProductLineCode: 'string',
  standardCarrierCode: 'string',
};

// ─── Responses ───────────────────────────────────────────────────────────────

export const loginResponse = { jwt: 'string', ownerAgent: true };

/** "A confirmation message" (lead create, lead quote create, logout, …). */
export const confirmationResponse = { message: 'string', id: 0, result: true };

export const leadSearchResponse = { totalCount: 100, page: 1, pageSize: 50, leads: [{}], quoteAmount: 0 };

export const leadQuotesResponse = [
  {
    id: 0,
    carrierId: 0,
    standardCarrierCode: 'string',
    productLineId: 0,
    standardProductLineCode: 'string',
    status: 0,
    premium: 300,
    items: 1,
    customFields: [],
    propertyAddress: [],
    sold: true,
    carrierName: 'string',
    productName: 'string',
    potentialRevenue: 0,
    effectiveDate: 'string',
  },
];

export const leadDetailsResponse = {
  id: 0,
  firstname: 'string',
  middlename: 'string',
  lastname: 'string',
  leadType: 'string',
  email: 'string',
  phone: 'string',
  secondaryEmail: 'string',
  secondaryPhone: 'string',
  streetAddress: 'string',
  city: 'string',
  state: 'string',
  country: 'string',
  zip: 'string',
  comments: 'string',
  status: 0,
  contactDate: '2019-01-01',
  soldDate: '2019-01-01',
  leadSourceId: 0,
  leadSourceName: 'string',
  xDate: '2019-01-01',
  quoteDate: '2019-01-01',
  createDate: '2019-01-01',
  premium: 0,
  quoted: 0,
  assignedTo: 1,
  assignToFirstname: 'string',
  assignToLastname: 'string',
  csrId: 0,
  csrFirstname: 'string',
  csrLastname: 'string',
  creditToFirstname: 'string',
  creditToLastname: 'string',
  taskCount: 0,
  contactFirstName: 'string',
  contactLastName: 'string',
  locationCode: 'string',
  locationName: 'string',
  departmentCode: 'string',
  departmentName: 'string',
  groupCode: 'string',
  groupName: 'string',
  workflowId: 0,
  workflowName: 'string',
  workflowStageId: 0,
  workflowStageName: 'string',
  lastActivityDate: 'string',
  enterStageDate: 'string',
  tagNames: [1],
  convertedHouseholdId: 0,
  nextExpirationDate: 'string',
  externalSystem: 'string',
  externalId: 'string',
  customFields: [{}],
  opportunities: [{}],
  otherProducers: [{}],
  quotes: [{}],
  totalOpportunityPremium: 0,
  totalQuotePremium: 0,
  totalPolicyPremium: 0,
  lossReason: 'string',
  xDateType: 'string',
  birthday: 'string',
  nickname: 'string',
  maritalStatus: 'string',
  fein: 'string',
  contactMiddleName: 'string',
  businessEntity: 'string',
  businessClassification: 'string',
  businessClassificationId: 0,
  businessClassificationCode: 'string',
  yearBusinessStarted: 0,
  numberOfEmployees: 0,
  annualRevenue: 0,
  payroll: 0,
};

export const pipelinesResponse = [{ id: '1', name: 'string', type: 'string', seq: 0, status: 0, stages: [] }];
export const leadSourcesResponse = [{ id: 0, name: 'string', excludeAsSales: true, categoryId: 0 }];
export const employeesResponse = [
  {
    id: 0,
    firstname: 'string',
    lastname: 'string',
    email: 'string',
    phone: 'string',
    isProducer: true,
    isActive: true,
    isOwner: true,
    userId: 0,
    avatar: 'string',
    externalSystem: 'string',
    externalIds: [],
  },
];
export const carriersResponse = [{ id: 0, name: 'string', standardCarrierCode: 'string' }];
export const productLinesResponse = [{ id: 0, name: 'string', productCategoryId: 0, standardProductLineCode: 'string' }];
