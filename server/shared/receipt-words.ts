// The words of a receipt code: 256 short Dutch words a child of seven knows and can spell (things,
// animals, food, colours), without ei/ij or au/ou, so that a code read aloud is written down the
// same way. Six words drawn uniformly from 256 carry 6 x 8 = 48 bits. The order is part of the
// code: a word's place in this list is its value. Never reorder or change a word once codes exist.
export const RECEIPT_WORDS = [
  'aap', 'bal', 'bed', 'bel', 'bes', 'bos', 'bus', 'das', 'dak', 'dam', 'dop', 'egel', 'emmer', 'ezel', 'fles',
  'fiets', 'film', 'fluit', 'gans', 'geel', 'gras', 'haan', 'hark', 'hek', 'hert', 'hoed', 'hok', 'hut', 'jas',
  'jam', 'jurk', 'kaas', 'kam', 'kar', 'kat', 'kast', 'kerk', 'kers', 'kip', 'klok', 'knie', 'koe', 'kok',
  'kom', 'kool', 'koek', 'kop', 'laan', 'lam', 'lamp', 'lepel', 'lip', 'maan', 'mand', 'mier', 'mol', 'mond',
  'mos', 'mus', 'muts', 'nest', 'net', 'neus', 'noot', 'oma', 'opa', 'oor', 'oven', 'pad', 'pan', 'pap',
  'park', 'pen', 'pet', 'pop', 'pot', 'raam', 'riem', 'ring', 'rok', 'roos', 'rug', 'sap', 'sok', 'soep',
  'ster', 'stok', 'stoel', 'stoep', 'tak', 'tas', 'tent', 'thee', 'tol', 'top', 'tram', 'trap', 'tuin', 'uil',
  'vaas', 'vak', 'vis', 'vlag', 'vos', 'vork', 'vuur', 'wiel', 'wolk', 'wol', 'zak', 'zee', 'zeep', 'zon',
  'zus', 'zwaan', 'appel', 'peer', 'druif', 'kiwi', 'bloem', 'boom', 'blad', 'tulp', 'melk', 'brood', 'boter',
  'taart', 'snoep', 'drop', 'wafel', 'pizza', 'beer', 'wolf', 'haas', 'muis', 'slak', 'vlieg', 'kikker',
  'eend', 'duif', 'meeuw', 'merel', 'paard', 'schaap', 'varken', 'hond', 'poes', 'haai', 'walvis', 'krab',
  'kreeft', 'boot', 'raket', 'schip', 'schoen', 'laars', 'broek', 'trui', 'blok', 'vlieger', 'knikker',
  'puzzel', 'boek', 'potlood', 'schrift', 'regen', 'sneeuw', 'wind', 'storm', 'berg', 'dal', 'meer', 'rivier',
  'strand', 'duin', 'veld', 'tafel', 'bank', 'deur', 'muur', 'rood', 'groen', 'paars', 'roze', 'wit', 'zwart',
  'bruin', 'oranje', 'bord', 'beker', 'glas', 'oog', 'hand', 'voet', 'arm', 'been', 'teen', 'vinger', 'haar',
  'papa', 'mama', 'trom', 'gitaar', 'piano', 'viool', 'kaart', 'brief', 'post', 'pakket', 'worst', 'kamp',
  'borstel', 'robot', 'draak', 'winter', 'zomer', 'lente', 'herfst', 'leeuw', 'olifant', 'zebra', 'giraf',
  'panda', 'koala', 'kameel', 'lama', 'rups', 'vlinder', 'spin', 'kever', 'pruim', 'perzik', 'citroen',
  'banaan', 'ananas', 'meloen', 'brug', 'toren', 'kasteel', 'molen', 'huis', 'school', 'winkel', 'sleutel',
  'slot', 'munt', 'kano', 'vlot', 'hamer', 'zaag', 'kaars', 'lint', 'strik', 'fee', 'prins', 'ridder',
] as const;

export const WORDS_PER_RECEIPT = 6;
