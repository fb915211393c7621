// The Deutsche Bahn brand profile used to evaluate relevance on GermEval 2017, written once by the
// project from public knowledge of the company (not from the evaluation data), as a workspace would.
import type { BrandProfile } from '../src/nlp/index.js';

export const DEUTSCHE_BAHN: BrandProfile = {
  names: ['Deutsche Bahn', 'DB', 'Bahn', 'DB Regio', 'DB Fernverkehr', 'DB Netz', 'DB Cargo', 'DB Station&Service'],
  products: [
    'ICE', 'IC', 'EC', 'Intercity', 'Regionalexpress', 'Regionalbahn', 'RE', 'RB', 'S-Bahn', 'BahnCard', 'DB Navigator',
    'Sparpreis', 'Flexpreis', 'bahn.de', 'DB Lounge', 'Call a Bike', 'Flinkster', 'Stuttgart 21', 'Bahnhof', 'Hauptbahnhof',
  ],
  terms: [
    'Zug', 'Züge', 'Zugausfall', 'Zugbegleiter', 'Zugführer', 'Lokführer', 'Lokführerstreik', 'Schaffner', 'GDL', 'EVG',
    'Gleis', 'Bahnsteig', 'Stellwerk', 'Weichenstörung', 'Signalstörung', 'Oberleitung', 'Verspätung', 'Verspätungen',
    'Anschluss', 'Anschlusszug', 'Fahrkarte', 'Fahrkarten', 'Ticket', 'Fahrplan', 'Fahrgast', 'Fahrgäste', 'Pendler',
    'Fernzug', 'Regionalzug', 'Nahverkehr', 'Fernverkehr', 'Bahnstreik', 'Streik', 'Reisende', 'Sitzplatz', 'Reservierung',
    'Großraumwagen', 'Bordbistro', 'Schienenersatzverkehr', 'Bahnchef', 'Bahnfahren', 'Bahnfahrt', 'Zugfahrt',
  ],
};
