//! The layered engagement: a raid's missiles and their payloads through the
//! boost, midcourse and terminal layers under one battle manager, many
//! times over.

mod spec;

pub use spec::{
    Assignment, Asset, BoostLayerSpec, Doctrine, EngageSpec, MidcourseSite, TerminalBattery,
    TerminalKind,
};
