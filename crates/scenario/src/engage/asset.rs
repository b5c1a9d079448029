//! `[[engage.asset]]`: the defended assets, each a point with a radius
//! and a relative value.

use cupola_analysis::engage::Asset;

use super::layer::{Named, all, check_unique, read_name, read_site};
use crate::context::Ctx;
use crate::key::KeyDescriptor;
use crate::missile::within;
use crate::reader::TableReader;

/// Keys of an `[[engage.asset]]` table.
pub(crate) const ASSET_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique among the assets")
        .example("name = \"Minot\"")
        .doc("a label for reports, unique among the assets"),
    KeyDescriptor::table("site")
        .rule("as a launch `site`")
        .example("site = { lat_deg = 48.4, lon_deg = -101.3 }")
        .doc("where the asset is"),
    KeyDescriptor::number("value")
        .or_number(1.0)
        .rule("> 0")
        .example("value = 1.0")
        .doc("relative value (the battle manager protects high values first)")
        .hint(
            "the asset's value relative to the others, above 0, e.g. 1; the battle manager \
             protects high values first",
        )
        .setting(),
    KeyDescriptor::number("radius_km")
        .unit("km")
        .or_number(50.0)
        .positive()
        .plausible(1.0, 500.0)
        .example("radius_km = 50.0")
        .doc("radius of the asset: warheads aimed within it count as arriving at it")
        .hint(
            "the radius of the asset in km: warheads aimed within it count as arriving at it, \
             e.g. 50",
        )
        .setting(),
];

/// Read every `[[engage.asset]]`; names are unique among the assets.
pub(super) fn read_assets(ctx: &mut Ctx, tables: Vec<TableReader<'_>>) -> Option<Vec<Asset>> {
    let assets: Vec<Named<Asset>> = tables
        .into_iter()
        .map(|mut t| {
            let name = read_name(ctx, &mut t, "asset");
            let value = read_asset_keys(ctx, &t, name.as_ref().map(|n| n.value.clone()));
            t.finish(ctx);
            Named { name, value }
        })
        .collect();
    let unique = check_unique(
        ctx,
        assets.iter().map(|a| &a.name),
        "defended asset",
        "[[engage.asset]]",
    );
    let assets = all(assets)?;
    unique.then_some(assets)
}

/// The keys of an asset after its `name`.
fn read_asset_keys(ctx: &mut Ctx, t: &TableReader<'_>, name: Option<String>) -> Option<Asset> {
    let site = read_site(ctx, t);
    // `value` keeps its own wording, "(0, ∞)".
    let value_in = t.num_unchecked(ctx, "value");
    let hint = t.descriptor("value").hint;
    let value = within(ctx, value_in, "value", |v| v > 0.0, "(0, ∞)", "", hint);
    let radius = t.get(ctx, "radius_km");
    Some(Asset {
        name: name?,
        site: site?,
        value: value?,
        radius_m: radius? * 1e3,
    })
}
