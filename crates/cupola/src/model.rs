//! The model of a scenario, built once: its constellations laid out (their
//! ephemerides) and the sensors on them, shared by every study run on it.

use crate::error::Error;
use crate::layer::Layer;
use cupola_scenario::Scenario;

/// A scenario with what its studies share built once.
pub struct Model {
    scenario: Scenario,
    layer: Layer,
}

impl Model {
    /// Build the model of `scenario`: every constellation laid out. Fails
    /// as a study would on a scenario it cannot run.
    pub fn new(scenario: Scenario) -> Result<Self, Error> {
        let layer = Layer::new(&scenario)?;
        Ok(Self { scenario, layer })
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Its constellations and sensors.
    pub fn layer(&self) -> &Layer {
        &self.layer
    }
}
