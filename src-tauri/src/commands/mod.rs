//! Tauri commands: thin adapters from IPC to leadbook-core, one module per area.

pub mod app;
pub mod blueprint;
pub mod one_on_ones;
pub mod people;
