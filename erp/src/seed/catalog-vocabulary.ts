// The retailer's assortment vocabulary: departments, categories with their margins and price bands, brands and product words.

export interface DepartmentSpec { key: string; name: string; minMarginBp: number }

export interface CategorySpec {
  name: string;
  department: string;
  /** Typical gross margin of the category, in percent; items vary a few points around it. */
  targetMarginPct: number;
  /** The lowest margin a price may leave (pricing guardrail), in basis points. */
  minMarginBp: number;
  /** Shelf price band in dollars, smallest size to largest. */
  priceLow: number;
  priceHigh: number;
  /** Relative units sold per item (soft drinks turn far faster than toasters). */
  demandWeight: number;
  uom: string;
  promotable: boolean;
  /** Whether the store's own label (HOUSE_BRAND) is sold here. */
  houseBrand: boolean;
  brands: string[];
  descriptors: string[];
  nouns: string[];
  /** Smallest to largest; "12 x 12 fl oz" is a multipack of 12 selling units. */
  sizes: string[];
}

export const HOUSE_BRAND = 'Cornerstone';

export const DEPARTMENTS: DepartmentSpec[] = [
  { key: 'GRO', name: 'Grocery', minMarginBp: 1200 },
  { key: 'BEV', name: 'Beverages', minMarginBp: 1200 },
  { key: 'HH', name: 'Household', minMarginBp: 1500 },
  { key: 'HBA', name: 'Health & Beauty', minMarginBp: 2000 },
  { key: 'BABY', name: 'Baby', minMarginBp: 1000 },
  { key: 'GM', name: 'General Merchandise', minMarginBp: 2000 },
  { key: 'FE', name: 'Front End', minMarginBp: 1000 },
];

type Words = string; // '|'-separated, to keep a category on two lines
function category(
  name: string, department: string, targetMarginPct: number, minMarginBp: number, priceLow: number, priceHigh: number,
  demandWeight: number, uom: string, brands: Words, descriptors: Words, nouns: Words, sizes: Words,
  flags: { promotable?: boolean; houseBrand?: boolean } = {},
): CategorySpec {
  const split = (w: Words) => w.split('|');
  return {
    name, department, targetMarginPct, minMarginBp, priceLow, priceHigh, demandWeight, uom,
    promotable: flags.promotable ?? true, houseBrand: flags.houseBrand ?? true,
    brands: split(brands), descriptors: split(descriptors), nouns: split(nouns), sizes: split(sizes),
  };
}

export const CATEGORIES: CategorySpec[] = [
  category('Breakfast Cereal', 'GRO', 30, 1500, 2.49, 6.99, 1.2, 'BOX', 'Morning Harvest|Golden Acre|Sunny Fields|Crunchwell',
    'Honey|Frosted|Whole Grain|Original|Cinnamon', 'Oat Clusters|Corn Flakes|Bran Flakes|Granola|Puffed Rice|Muesli', '12 oz|18 oz|24 oz|32 oz'),
  category('Pasta & Rice', 'GRO', 32, 1500, 0.99, 4.99, 1.0, 'BAG', 'Bella Tavola|Golden Acre|Riverbend Mills|Casa Nonna',
    'Organic|Classic|Whole Wheat|Gluten Free|Imported', 'Spaghetti|Penne|Rotini|Long Grain Rice|Jasmine Rice|Elbow Macaroni', '12 oz|16 oz|2 lb|5 lb'),
  category('Canned Vegetables', 'GRO', 28, 1200, 0.79, 2.99, 0.9, 'CAN', 'Green Valley|Farmstead|Sunny Fields|Prairie Garden',
    'Cut|Whole Kernel|No Salt Added|Organic|Fancy', 'Green Beans|Sweet Corn|Sweet Peas|Diced Tomatoes|Carrots|Mixed Vegetables', '8 oz|14.5 oz|15 oz|28 oz'),
  category('Canned Soup', 'GRO', 30, 1200, 1.29, 3.99, 0.8, 'CAN', 'Homestead Kitchen|Farmstead|Hearth & Bowl|Golden Acre',
    'Chunky|Condensed|Hearty|Low Sodium|Homestyle', 'Chicken Noodle Soup|Tomato Soup|Vegetable Beef Soup|Minestrone|Clam Chowder|Lentil Soup', '10.5 oz|15 oz|18.6 oz|19 oz'),
  category('Condiments & Sauces', 'GRO', 34, 1500, 1.49, 6.99, 0.8, 'BTL', 'Red Barn|Bella Tavola|Smoky Ridge|Golden Acre',
    'Classic|Spicy|Organic|Sweet|Zesty', 'Ketchup|Yellow Mustard|Mayonnaise|BBQ Sauce|Marinara Sauce|Hot Sauce', '12 oz|20 oz|24 oz|32 oz'),
  category('Baking Supplies', 'GRO', 30, 1200, 1.49, 8.99, 0.6, 'BAG', 'Millers Pride|Golden Acre|Sugar Hill|Prairie Mill',
    'All Purpose|Organic|Unbleached|Pure|Premium', 'Flour|Granulated Sugar|Brown Sugar|Baking Soda|Vanilla Extract|Baking Mix', '1 lb|2 lb|5 lb|10 lb'),
  category('Snack Chips', 'GRO', 38, 1800, 1.99, 5.99, 1.8, 'BAG', 'Crunch Co|Golden Crisp|Smoky Ridge|Kettle Creek',
    'Sea Salt|Barbecue|Sour Cream & Onion|Jalapeno|Lightly Salted', 'Potato Chips|Tortilla Chips|Pretzels|Cheese Puffs|Popcorn|Pita Chips', '5 oz|8 oz|10 oz|13 oz'),
  category('Cookies & Crackers', 'GRO', 35, 1500, 1.99, 5.49, 1.1, 'BOX', 'Crumble & Co|Golden Acre|Baker Street|Sunny Fields',
    'Chocolate Chip|Butter|Whole Wheat|Oatmeal|Original', 'Cookies|Sandwich Cookies|Saltine Crackers|Snack Crackers|Graham Crackers|Wafers', '7 oz|10 oz|13 oz|16 oz'),
  category('Coffee & Tea', 'GRO', 36, 2000, 3.99, 14.99, 0.9, 'BAG', 'Mountain Roast|Morning Harvest|Blue Kettle|Highland Leaf',
    'Medium Roast|Dark Roast|Decaf|Breakfast Blend|Organic', 'Ground Coffee|Whole Bean Coffee|Coffee Pods|Black Tea|Herbal Tea|Instant Coffee', '12 oz|20 ct|24 oz|48 ct'),
  category('Frozen Meals', 'GRO', 30, 1500, 2.49, 9.99, 1.0, 'BOX', 'Northern Table|Homestead Kitchen|Freezer Fresh|Casa Nonna',
    'Classic|Family Size|Lean|Three Cheese|Spicy', 'Lasagna|Pepperoni Pizza|Chicken Pot Pie|Burritos|Mac & Cheese|Stir Fry', '10 oz|16 oz|24 oz|40 oz'),
  category('Ice Cream', 'GRO', 33, 1500, 2.99, 7.99, 0.9, 'TUB', 'Polar Creamery|Sweet Meadow|Frosty Farms|Scoop Shop',
    'Premium|Light|Dairy Free|Double|Classic', 'Vanilla Ice Cream|Chocolate Ice Cream|Cookie Dough Ice Cream|Strawberry Ice Cream|Mint Chip Ice Cream|Frozen Yogurt', '1 pt|1.5 qt|48 oz|1 gal'),
  category('Soft Drinks', 'BEV', 30, 1200, 0.99, 8.99, 2.4, 'EA', 'Fizzco|Brightwater|Polar Peak|Sunny Hill',
    'Classic|Zero Sugar|Diet|Cherry|Caffeine Free', 'Cola|Lemon-Lime Soda|Root Beer|Ginger Ale|Orange Soda|Cream Soda', '12 fl oz|20 fl oz|2 L|6 x 16.9 fl oz|12 x 12 fl oz'),
  category('Bottled Water', 'BEV', 35, 1200, 0.99, 6.99, 2.2, 'EA', 'Clear Spring|Glacier Falls|Brightwater|Pure Peak',
    'Natural|Sparkling|Purified|Lemon|Alkaline', 'Spring Water|Mineral Water|Seltzer|Drinking Water', '16.9 fl oz|1 L|1 gal|8 x 12 fl oz|24 x 16.9 fl oz'),
  category('Juice', 'BEV', 28, 1200, 1.99, 6.99, 1.2, 'BTL', 'Sunny Hill|Orchard Gold|Tropic Bay|Green Valley',
    'Not From Concentrate|100%|Light|Organic|No Pulp', 'Orange Juice|Apple Juice|Grape Juice|Cranberry Cocktail|Lemonade|Fruit Punch', '52 fl oz|64 fl oz|89 fl oz|6 x 6.75 fl oz'),
  category('Sports & Energy Drinks', 'BEV', 34, 1500, 1.49, 9.99, 1.6, 'EA', 'Voltage|Peak Performance|Hydro Max|Rally',
    'Original|Sugar Free|Tropical|Berry Blast|Citrus', 'Energy Drink|Sports Drink|Electrolyte Water|Protein Shake', '8.4 fl oz|16 fl oz|28 fl oz|4 x 16 fl oz'),
  category('Laundry Care', 'HH', 30, 1500, 4.99, 19.99, 0.7, 'BTL', 'Fresh Line|Sparkle House|Clean Breeze|Pure Home',
    'Free & Clear|Original|Spring Meadow|Ultra|High Efficiency', 'Liquid Detergent|Detergent Pods|Fabric Softener|Dryer Sheets|Stain Remover|Powder Detergent', '32 loads|64 loads|96 loads|120 ct'),
  category('Paper Towels & Tissue', 'HH', 26, 1000, 2.99, 24.99, 1.1, 'PK', 'Soft Cloud|Forest Fresh|Everyday Home|Pure Home',
    'Ultra Soft|Strong|Select-A-Size|Sensitive|Everyday', 'Paper Towels|Bath Tissue|Facial Tissue|Napkins', '2 rolls|6 rolls|12 rolls|24 rolls'),
  category('Cleaning Supplies', 'HH', 36, 1800, 1.99, 9.99, 0.6, 'BTL', 'Sparkle House|Brightway|Clean Breeze|Pine Ridge',
    'Lemon|Disinfecting|Streak Free|Lavender|Fragrance Free', 'All Purpose Cleaner|Glass Cleaner|Bathroom Cleaner|Disinfecting Wipes|Floor Cleaner|Scrub Sponges', '3 ct|16 oz|32 oz|75 ct'),
  category('Trash Bags & Food Storage', 'HH', 34, 1500, 2.99, 14.99, 0.6, 'BOX', 'Stronghold|Everyday Home|Seal Tight|Pure Home',
    'Drawstring|Heavy Duty|Odor Control|Recycled|Flex', 'Kitchen Trash Bags|Outdoor Trash Bags|Storage Bags|Sandwich Bags|Aluminum Foil|Plastic Wrap', '20 ct|40 ct|80 ct|200 ct'),
  category('Dish Care', 'HH', 33, 1500, 1.99, 12.99, 0.7, 'BTL', 'Sparkle House|Clean Breeze|Fresh Line|Brightway',
    'Original|Lemon|Free & Clear|Power|Gentle', 'Dish Soap|Dishwasher Pods|Rinse Aid|Dishwasher Gel', '19.4 fl oz|32 ct|38 fl oz|62 ct'),
  category('Air Care', 'HH', 40, 2000, 2.99, 12.99, 0.4, 'EA', 'Fresh Line|Pure Home|Calm Meadow|Clean Breeze',
    'Lavender|Linen|Ocean Breeze|Vanilla|Unscented', 'Air Freshener Spray|Plug-In Refill|Scented Candle|Odor Eliminator', '8 oz|10 oz|2 ct|3 ct'),
  category('Hair Care', 'HBA', 42, 2000, 3.49, 14.99, 0.7, 'BTL', 'Silk & Stone|Luma|Pure Botanics|Daily Glow',
    'Moisture|Volumizing|Clarifying|Color Safe|2-in-1', 'Shampoo|Conditioner|Styling Gel|Hair Spray|Dry Shampoo', '8.5 fl oz|12 fl oz|20 fl oz|28 fl oz'),
  category('Oral Care', 'HBA', 40, 2000, 1.99, 9.99, 0.8, 'EA', 'Bright Smile|Dentara|Fresh Mint Co|Pure Botanics',
    'Whitening|Sensitive|Cavity Protection|Fresh Mint|Charcoal', 'Toothpaste|Mouthwash|Toothbrush|Dental Floss', '4 oz|6 oz|2 ct|1 L'),
  category('Bath & Body', 'HBA', 40, 2000, 2.49, 11.99, 0.7, 'BTL', 'Daily Glow|Pure Botanics|Silk & Stone|Oat & Honey',
    'Moisturizing|Sensitive Skin|Shea Butter|Aloe|Unscented', 'Body Wash|Bar Soap|Hand Soap|Body Lotion|Hand Sanitizer', '8 fl oz|16 fl oz|22 fl oz|3 x 4 oz'),
  category('Pain Relief', 'HBA', 45, 2500, 3.99, 14.99, 0.6, 'BOX', 'CareWell|Remedia|HealthFirst|Nova Health',
    'Extra Strength|Regular Strength|Liquid Gel|Rapid Release|Children\'s', 'Ibuprofen Tablets|Acetaminophen Caplets|Naproxen Tablets|Aspirin|Pain Relief Patches', '24 ct|50 ct|100 ct|200 ct'),
  category('Vitamins & Supplements', 'HBA', 48, 2500, 5.99, 24.99, 0.5, 'BTL', 'Nature Path|HealthFirst|Vita Bloom|CareWell',
    'Daily|Gummy|Extended Release|Adult|Women\'s', 'Multivitamin|Vitamin C|Vitamin D3|Fish Oil|Magnesium|Probiotic', '60 ct|90 ct|120 ct|200 ct'),
  category('Cosmetics', 'HBA', 50, 3000, 4.99, 19.99, 0.4, 'EA', 'Luma|Velvet Rose|Daily Glow|Mira',
    'Matte|Waterproof|Long Wear|Natural|Volumizing', 'Mascara|Lipstick|Foundation|Eyeliner|Nail Polish|Blush', '0.1 oz|0.3 oz|0.5 fl oz|1 fl oz'),
  category('Deodorant', 'HBA', 40, 2000, 2.99, 8.99, 0.6, 'EA', 'Fresh Mint Co|Silk & Stone|Alpine Active|Daily Glow',
    'Clinical|Invisible|Aluminum Free|Sport|Sensitive', 'Antiperspirant|Deodorant Stick|Body Spray|Deodorant Gel', '2.6 oz|3 oz|4 oz|2 x 2.6 oz'),
  category('Infant Formula', 'BABY', 22, 1000, 14.99, 44.99, 0.5, 'CAN', 'Little Sprout|NurtureCare|Tiny Steps|Mother Nature',
    'Gentle|Sensitive|Organic|Soy|Advantage', 'Infant Formula Powder|Ready-to-Feed Formula|Toddler Formula|Hypoallergenic Formula', '12.4 oz|22.5 oz|32 fl oz|6 x 8 fl oz',
    { promotable: false }),
  category('Diapers', 'BABY', 26, 1200, 9.99, 44.99, 0.6, 'PK', 'Little Sprout|Comfy Bottoms|Tiny Steps|Cloud Baby',
    'Overnight|Sensitive|Swaddlers|Cruisers|Training', 'Diapers Size 1|Diapers Size 2|Diapers Size 3|Diapers Size 4|Training Pants|Newborn Diapers', '24 ct|56 ct|84 ct|120 ct'),
  category('Baby Wipes', 'BABY', 30, 1500, 2.49, 14.99, 0.6, 'PK', 'Little Sprout|Comfy Bottoms|Cloud Baby|Tiny Steps',
    'Sensitive|Fragrance Free|Aloe|Water Based|Thick', 'Baby Wipes|Wipes Refill|Travel Wipes', '64 ct|192 ct|3 x 72 ct|400 ct'),
  category('Baby Food', 'BABY', 30, 1500, 0.99, 6.99, 0.5, 'EA', 'Little Sprout|Tiny Steps|Happy Spoon|Green Valley',
    'Organic|Stage 1|Stage 2|Stage 3|Simple', 'Apple Puree|Sweet Potato Puree|Banana Puree|Oatmeal Cereal|Veggie Pouch|Yogurt Melts', '3.5 oz|4 oz|8 oz|4 x 4 oz'),
  category('Small Kitchen Appliances', 'GM', 35, 2000, 19.99, 149.99, 0.05, 'EA', 'HomeChef|Kitchen Pro|Brightway|Ember & Oak',
    'Digital|Compact|Stainless Steel|Programmable|Deluxe', 'Coffee Maker|Toaster|Blender|Air Fryer|Slow Cooker|Electric Kettle', '1 ct|2 qt|6 qt|12 cup'),
  category('Batteries', 'GM', 45, 2500, 3.99, 24.99, 0.4, 'PK', 'PowerCell|Voltmax|Everlast Energy|Brightway',
    'Alkaline|Lithium|Rechargeable|Heavy Duty|Max', 'AA Batteries|AAA Batteries|C Batteries|9V Batteries|Coin Batteries', '4 ct|8 ct|12 ct|24 ct'),
  category('Light Bulbs', 'GM', 42, 2000, 3.99, 19.99, 0.3, 'PK', 'Lumen Works|Brightway|Glow Home|Everlast Energy',
    'LED|Soft White|Daylight|Dimmable|Smart', 'A19 Bulb|Flood Light|Candelabra Bulb|Globe Bulb|Night Light', '1 ct|2 ct|4 ct|8 ct'),
  category('Pet Food', 'GM', 28, 1200, 1.29, 49.99, 0.9, 'BAG', 'Happy Paws|Trail Dog|Whisker Farm|Good Companion',
    'Grain Free|Adult|Puppy|Senior|Chicken & Rice', 'Dry Dog Food|Wet Dog Food|Dry Cat Food|Wet Cat Food|Dog Treats|Cat Treats', '3 oz|5.5 oz|4 lb|15 lb|30 lb'),
  category('Pet Supplies', 'GM', 45, 2500, 2.99, 29.99, 0.3, 'EA', 'Happy Paws|Whisker Farm|Good Companion|Trail Dog',
    'Clumping|Unscented|Durable|Interactive|Odor Control', 'Cat Litter|Chew Toy|Pet Shampoo|Poop Bags|Leash', '1 ct|120 ct|14 lb|20 lb'),
  category('Kitchen Storage', 'GM', 45, 2500, 3.99, 24.99, 0.2, 'EA', 'Seal Tight|HomeChef|Everyday Home|Kitchen Pro',
    'Glass|BPA Free|Stackable|Leakproof|Microwave Safe', 'Food Containers|Water Bottle|Travel Mug|Lunch Box|Mixing Bowls', '1 ct|3 ct|24 oz|10 pc'),
  category('Tobacco', 'FE', 20, 1000, 6.99, 19.99, 0.8, 'PK', 'Rolling Hills|Bluegrass Leaf|Carolina Gold|Frontier',
    'Full Flavor|Light|Menthol|Smooth|Filtered', 'Cigarettes|Pipe Tobacco|Cigarillos|Rolling Tobacco', '5 ct|1.5 oz|20 ct|2 x 20 ct',
    { promotable: false, houseBrand: false }),
  category('Candy & Gum', 'FE', 40, 2000, 0.99, 4.99, 1.5, 'EA', 'Sugar Hill|Sweet Meadow|Chewz|Cocoa Lane',
    'Milk Chocolate|Sour|Peppermint|Fruity|Peanut Butter', 'Chocolate Bar|Gummy Bears|Chewing Gum|Hard Candy|Licorice|Mints', '1.5 oz|15 ct|3.5 oz|10 oz'),
];
