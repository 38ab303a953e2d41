//! The catalogue record in DCAT-AP-DONL (`data/catalogus.jsonld`).

use serde_json::{Value, json};

use super::{BestandView, CATALOGUS, kind};
use crate::model::{Catalogus, Site};

/// `data/catalogus.jsonld`: one dataset with a distribution per file of
/// `bestanden`, described as `catalogus` (the site's record) asks.
pub fn catalogus(site: &Site, catalogus: &Catalogus, bestanden: &[BestandView]) -> Vec<u8> {
    let meta = &site.meta;
    let nl = json!({ "@id": "http://publications.europa.eu/resource/authority/language/NLD" });
    let datum = json!({
        "@value": format!("{}-01", meta.editie.key()),
        "@type": "xsd:date",
    });
    let licentie = json!({ "@id": catalogus.licentie });
    let distributies: Vec<Value> = bestanden
        .iter()
        .map(|b| {
            let url = format!("{}{}", catalogus.adres, b.pad);
            let (_, _, code) = kind(&b.pad);
            let mut d = json!({
                "@id": format!("{url}#distributie"),
                "@type": "dcat:Distribution",
                "dct:title": b.naam,
                "dct:description": b.beschrijving,
                "dcat:accessURL": { "@id": url },
                "dcat:downloadURL": { "@id": url },
                "dct:license": licentie,
                "dct:language": nl,
                "dct:format": { "@id": format!("http://publications.europa.eu/resource/authority/file-type/{code}") },
                "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{}", b.mediatype) },
                "dcat:byteSize": { "@value": b.bytes.to_string(), "@type": "xsd:decimal" },
                "dct:issued": datum,
                "dct:modified": datum,
            });
            if let (Some(beschreven), Value::Object(map)) = (&b.beschreven_in, &mut d) {
                map.insert(
                    "dct:conformsTo".into(),
                    json!({ "@id": format!("{}{beschreven}", catalogus.adres) }),
                );
            }
            d
        })
        .collect();
    let mut contact = json!({
        "@type": "vcard:Organization",
        "vcard:fn": catalogus.contactpunt.naam,
    });
    if let Value::Object(map) = &mut contact {
        if let Some(email) = &catalogus.contactpunt.email {
            map.insert(
                "vcard:hasEmail".into(),
                json!({ "@id": format!("mailto:{email}") }),
            );
        }
        if let Some(website) = &catalogus.contactpunt.website {
            map.insert("vcard:hasURL".into(), json!({ "@id": website }));
        }
    }
    let id = format!("{}{CATALOGUS}#dataset", catalogus.adres);
    super::json(&json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "owl": "http://www.w3.org/2002/07/owl#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "overheid": "http://standaarden.overheid.nl/owms/terms/",
            "@language": "nl",
        },
        "@id": id,
        "@type": "dcat:Dataset",
        "dct:identifier": { "@value": id, "@type": "xsd:anyURI" },
        "dct:title": format!("{} – {}, editie {}", meta.titel, meta.programma, meta.editie.label()),
        "dct:description": catalogus.beschrijving,
        "dcat:keyword": catalogus.trefwoorden,
        "dct:language": nl,
        "dcat:theme": catalogus.thema.iter().map(|t| json!({ "@id": t })).collect::<Vec<_>>(),
        "dct:issued": datum,
        "dct:modified": datum,
        "owl:versionInfo": meta.editie.key(),
        "overheid:authority": { "@id": catalogus.uitgever },
        "dct:publisher": { "@id": catalogus.uitgever, "@type": "foaf:Agent" },
        "dct:creator": meta.uitgevers.iter().map(|u| json!({ "@type": "foaf:Agent", "foaf:name": u })).collect::<Vec<_>>(),
        "dcat:contactPoint": contact,
        "dct:license": licentie,
        "dct:accessRights": { "@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC" },
        "dcat:landingPage": { "@id": format!("{}index.html#open-data", catalogus.adres) },
        "foaf:isPrimaryTopicOf": {
            "@type": "dcat:CatalogRecord",
            "dct:language": nl,
            "dct:modified": datum,
        },
        "dcat:distribution": distributies,
    }))
}
