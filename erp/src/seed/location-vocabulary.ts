// Where the retailer trades: its six regions (IANA time zones, share of stores, cities) and its fulfilment sites.

export interface RegionSpec {
  code: string;
  timeZone: string;
  /** Share of the store estate (relative). */
  weight: number;
  /** Biggest first: store counts lean towards the head of the list. */
  cities: string[];
}

export const REGIONS: RegionSpec[] = [
  {
    code: 'NORTHEAST', timeZone: 'America/New_York', weight: 20,
    cities: ['Boston', 'Philadelphia', 'Pittsburgh', 'Buffalo', 'Newark', 'Providence', 'Hartford', 'Worcester', 'Rochester', 'Albany',
      'Syracuse', 'New Haven', 'Allentown', 'Springfield', 'Harrisburg', 'Scranton', 'Trenton', 'Manchester', 'Portland', 'Burlington'],
  },
  {
    code: 'SOUTHEAST', timeZone: 'America/New_York', weight: 22,
    cities: ['Atlanta', 'Miami', 'Charlotte', 'Jacksonville', 'Orlando', 'Tampa', 'Raleigh', 'Richmond', 'Columbus', 'Norfolk',
      'Greensboro', 'Durham', 'Charleston', 'Savannah', 'Columbia', 'Greenville', 'Augusta', 'Knoxville', 'Tallahassee', 'Macon'],
  },
  {
    code: 'MIDWEST', timeZone: 'America/Chicago', weight: 20,
    cities: ['Chicago', 'Minneapolis', 'Milwaukee', 'Kansas City', 'St. Louis', 'Omaha', 'St. Paul', 'Wichita', 'Madison', 'Des Moines',
      'Naperville', 'Rockford', 'Lincoln', 'Springfield', 'Peoria', 'Cedar Rapids', 'Topeka', 'Green Bay', 'Sioux Falls', 'Fargo'],
  },
  {
    code: 'SOUTHWEST', timeZone: 'America/Phoenix', weight: 10,
    cities: ['Phoenix', 'Tucson', 'Mesa', 'Chandler', 'Scottsdale', 'Glendale', 'Gilbert', 'Tempe', 'Peoria', 'Surprise',
      'Goodyear', 'Yuma', 'Avondale', 'Flagstaff', 'Buckeye', 'Casa Grande', 'Lake Havasu City', 'Maricopa', 'Prescott', 'Sierra Vista'],
  },
  {
    code: 'MOUNTAIN', timeZone: 'America/Denver', weight: 10,
    cities: ['Denver', 'Albuquerque', 'Colorado Springs', 'Salt Lake City', 'Aurora', 'Boise', 'Fort Collins', 'Provo', 'Las Cruces', 'Ogden',
      'Boulder', 'Pueblo', 'Greeley', 'Santa Fe', 'Billings', 'Cheyenne', 'Grand Junction', 'Missoula', 'Idaho Falls', 'Casper'],
  },
  {
    code: 'WEST', timeZone: 'America/Los_Angeles', weight: 18,
    cities: ['Los Angeles', 'San Diego', 'San Jose', 'San Francisco', 'Seattle', 'Portland', 'Las Vegas', 'Sacramento', 'Fresno', 'Oakland',
      'Long Beach', 'Bakersfield', 'Anaheim', 'Riverside', 'Spokane', 'Tacoma', 'Henderson', 'Reno', 'Eugene', 'Salem'],
  },
];

export interface DistributionCentreSpec {
  name: string;
  region: string;
  /** The store regions this DC replenishes; its stock and purchase orders scale with their demand. */
  serves: string[];
  /** Whether it also replenishes the ecommerce fulfilment centre. */
  servesEcommerce: boolean;
}

export const DISTRIBUTION_CENTRES: DistributionCentreSpec[] = [
  { name: 'East DC - Harrisburg', region: 'NORTHEAST', serves: ['NORTHEAST', 'SOUTHEAST'], servesEcommerce: false },
  { name: 'Central DC - Joliet', region: 'MIDWEST', serves: ['MIDWEST', 'MOUNTAIN'], servesEcommerce: true },
  { name: 'West DC - Riverside', region: 'WEST', serves: ['WEST', 'SOUTHWEST'], servesEcommerce: false },
];

export const ECOMMERCE_FC = { name: 'Ecommerce Fulfilment Centre - Kansas City', region: 'MIDWEST' };

/** Store formats: a neighbourhood store sells about a third of what a superstore does. */
export const STORE_FORMATS: { share: number; sizeFactor: number }[] = [
  { share: 0.25, sizeFactor: 0.6 },
  { share: 0.5, sizeFactor: 1.0 },
  { share: 0.25, sizeFactor: 1.7 },
];
