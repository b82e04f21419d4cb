//! US English: the British spellings the content and the interface must not use.

/// Common British spellings, each the start of a word ("behaviour" also finds "behaviours"): the app
/// writes US English. Each is chosen so that no US word starts with it ("specialis" would catch
/// "specialist", so the "-ise" words are listed as "-ise", "-ising" and "-isation").
pub const UK_SPELLINGS: &[&str] = &[
    // -our
    "behaviour",
    "colour",
    "favour",
    "honour",
    "labour",
    "neighbour",
    "harbour",
    "rumour",
    "humour",
    "endeavour",
    "flavour",
    "odour",
    "vigour",
    "armour",
    "parlour",
    "savour",
    // -re
    "centre",
    "theatre",
    "metre",
    "litre",
    "fibre",
    "calibre",
    "sombre",
    "spectre",
    // -ise, -isation
    "organise",
    "organising",
    "organisation",
    "recognise",
    "recognising",
    "recognisable",
    "realise",
    "realising",
    "realisation",
    "specialise",
    "specialising",
    "specialisation",
    "apologise",
    "apologising",
    "criticise",
    "criticising",
    "emphasise",
    "emphasising",
    "prioritise",
    "prioritising",
    "summarise",
    "summarising",
    "minimise",
    "minimising",
    "maximise",
    "authorise",
    "authorising",
    "authorisation",
    "categorise",
    "utilise",
    "finalise",
    "normalise",
    "normalising",
    "memorise",
    "traumatise",
    "traumatising",
    "victimise",
    "victimising",
    "victimisation",
    "stigmatise",
    "sexualise",
    "sexualisation",
    "glamorise",
    "glamorising",
    "mobilise",
    "stabilise",
    "stabilising",
    "sanitise",
    "analyse",
    "analysing",
    "paralyse",
    // doubled l
    "travelled",
    "travelling",
    "traveller",
    "dialled",
    "dialling",
    "counselling",
    "counsellor",
    "cancelled",
    "cancelling",
    "labelled",
    "labelling",
    "modelled",
    "modelling",
    "signalled",
    "signalling",
    "fuelled",
    "levelled",
    "marvellous",
    "jewellery",
    "enrolment",
    "fulfilment",
    // others
    "licence",
    "defence",
    "offence",
    "practise",
    "practising",
    "programme",
    "catalogue",
    "cheque",
    "enquire",
    "enquiry",
    "enquiries",
    "judgement",
    "ageing",
    "sceptic",
    "paediatric",
    "anaesthe",
    "manoeuvre",
    "whilst",
    "amongst",
    "aeroplane",
    "pyjama",
    "grey",
];

/// The British spellings ([`UK_SPELLINGS`]) that start a word of `text`, case-insensitively.
pub fn uk_spellings_in(text: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
        let word = word.to_ascii_lowercase();
        // "grey" alone: "Greyhound" is a US name.
        for uk in UK_SPELLINGS.iter().filter(|uk| {
            if **uk == "grey" {
                word == "grey"
            } else {
                word.starts_with(**uk)
            }
        }) {
            if !found.contains(uk) {
                found.push(*uk);
            }
        }
    }
    found
}
