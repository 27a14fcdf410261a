// Supplier naming: distinct trading-name stems and a trade suffix per department, plus the broadline wholesalers.

/** 48 stems: one per supplier at the default size, so names never repeat. */
export const SUPPLIER_STEMS = [
  'Harborview', 'Summit', 'Prairie', 'Blue Ridge', 'Lakeshore', 'Redwood', 'Keystone', 'Northstar', 'Riverbend', 'Golden Valley',
  'Cascade', 'Bayside', 'Heartland', 'Pinecrest', 'Silver Creek', 'Granite', 'Meadowlark', 'Sunbelt', 'Ironwood', 'Clearwater',
  'Evergreen', 'Cedar Point', 'Highland', 'Coastal', 'Twin Oaks', 'Maplewood', 'Stonebridge', 'Westfield', 'Eastgate', 'Copper Canyon',
  'Bluewater', 'Foxhollow', 'Brookside', 'Oakmont', 'Great Plains', 'Lone Pine', 'Sierra', 'Tidewater', 'Windmill', 'Crescent',
  'Fairview', 'Hillcrest', 'Juniper', 'Magnolia', 'Pioneer', 'Rockport', 'Sandpiper', 'Wildflower',
];

export const DEPARTMENT_TRADE_SUFFIX: Record<string, string> = {
  GRO: 'Foods',
  BEV: 'Beverage Co.',
  HH: 'Household Products',
  HBA: 'Health & Beauty',
  BABY: 'Baby Care',
  GM: 'Home Goods',
  FE: 'Trading Co.',
};

export const WHOLESALE_SUFFIX = 'Wholesale';

/** Suppliers in all: 4 broadline wholesalers (alternates for any department) and department specialists. */
export const SUPPLIER_COUNT = 48;
export const WHOLESALER_COUNT = 4;
