//! Record ids: UUIDv7 text, stable across export and import between laptops, and roughly
//! ordered by creation time.

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
