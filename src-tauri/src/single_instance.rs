//! One app instance per data dir. The first instance holds an exclusive lock on
//! `DATA_DIR/leadbook.lock` and listens on a loopback port written to `DATA_DIR/instance.port`;
//! a second launch on the same data dir connects there to ask the first to focus, then exits.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

const PORT_FILE: &str = "instance.port";
const FOCUS_REQUEST: &[u8] = b"focus\n";

pub enum Acquired {
    First(Guard),
    AlreadyRunning,
}

/// Held for the life of the first instance: the lock is released when the process exits.
pub struct Guard {
    _lock: File,
    listener: TcpListener,
}

pub fn acquire(data_dir: &Path) -> std::io::Result<Acquired> {
    std::fs::create_dir_all(data_dir)?;
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(data_dir.join(leadbook_core::paths::LOCK_FILE))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            ask_first_to_focus(&data_dir.join(PORT_FILE));
            return Ok(Acquired::AlreadyRunning);
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let port = listener.local_addr()?.port();
    write_atomically(&data_dir.join(PORT_FILE), port.to_string().as_bytes())?;
    Ok(Acquired::First(Guard {
        _lock: lock,
        listener,
    }))
}

impl Guard {
    /// Focuses the main window whenever a second instance knocks. Runs until the app exits.
    pub fn listen_for_focus(self, app: tauri::AppHandle) {
        std::thread::spawn(move || {
            let _lock = self._lock;
            for stream in self.listener.incoming().flatten() {
                let mut buf = [0u8; 16];
                let mut stream = stream;
                let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
                if let Ok(n) = stream.read(&mut buf) {
                    if &buf[..n] == FOCUS_REQUEST {
                        let handle = app.clone();
                        let _ = app.run_on_main_thread(move || crate::focus_main_window(&handle));
                    }
                }
            }
        });
    }
}

fn ask_first_to_focus(port_file: &Path) {
    let Some(port) = std::fs::read_to_string(port_file)
        .ok()
        .and_then(|s| s.trim().parse::<u16>().ok())
    else {
        return;
    };
    if let Ok(mut stream) =
        TcpStream::connect_timeout(&(Ipv4Addr::LOCALHOST, port).into(), Duration::from_secs(1))
    {
        let _ = stream.write_all(FOCUS_REQUEST);
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp: PathBuf = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path)
}
