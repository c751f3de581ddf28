//! Tauri commands: thin adapters from IPC to leadbook-core, one module per area.

pub mod app;
pub mod blueprint;
pub mod people;
