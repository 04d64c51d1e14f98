//! Runs an external program with a time limit and a cap on what it prints: a PDF can never make
//! reading hang or fill the memory.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::DocumentError;

/// A program and the Debian package that installs it.
#[derive(Clone, Copy, Debug)]
pub struct Tool {
    pub program: &'static str,
    pub package: &'static str,
    /// The format that needs it, for the error message.
    pub format: &'static str,
}

pub const PDFTOTEXT: Tool = Tool {
    program: "pdftotext",
    package: "poppler-utils",
    format: "PDF",
};
pub const PDFTOPPM: Tool = Tool {
    program: "pdftoppm",
    package: "poppler-utils",
    format: "scanned PDF",
};
pub const TESSERACT: Tool = Tool {
    program: "tesseract",
    package: "tesseract-ocr tesseract-ocr-ind",
    format: "scanned PDF",
};

/// What a finished program left.
#[derive(Debug)]
pub struct Output {
    pub success: bool,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

/// Runs `tool` with `args` (and `stdin`), killing it after `timeout` or once it has printed more
/// than `max_output` bytes. A program that is not installed is [`DocumentError::ToolMissing`].
pub fn run(
    tool: Tool,
    args: &[&std::ffi::OsStr],
    stdin: Option<&[u8]>,
    timeout: Duration,
    max_output: usize,
) -> Result<Output, DocumentError> {
    let mut command = Command::new(tool.program);
    command
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // One thread per program: the caller decides the parallelism.
        .env("OMP_THREAD_LIMIT", "1");
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => missing(tool),
        _ => failed(tool, format!("could not start: {e}")),
    })?;
    let over = Arc::new(AtomicBool::new(false));
    let out_reader = child.stdout.take().map(|pipe| {
        let over = Arc::clone(&over);
        std::thread::spawn(move || read_capped(pipe, max_output, &over))
    });
    let err_reader = child.stderr.take().map(|pipe| {
        let over = Arc::new(AtomicBool::new(false));
        std::thread::spawn(move || read_capped(pipe, 64 * 1024, &over))
    });
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A program that exits early closes its end; the error is its own exit status's business.
        let _ = pipe.write_all(bytes);
    }
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => return Err(failed(tool, format!("could not wait for it: {e}"))),
        }
        if over.load(Ordering::Relaxed) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed(
                tool,
                format!("it printed more than {} MB", max_output / 1_000_000),
            ));
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed(
                tool,
                format!("it took longer than {} s", timeout.as_secs()),
            ));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let stdout = out_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = err_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    if over.load(Ordering::Relaxed) {
        return Err(failed(
            tool,
            format!("it printed more than {} MB", max_output / 1_000_000),
        ));
    }
    Ok(Output {
        success: status.success(),
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

/// Reads a pipe to its end, keeping at most `cap` bytes; sets `over` when there was more.
fn read_capped(mut pipe: impl Read, cap: usize, over: &AtomicBool) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match pipe.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if kept.len() + n > cap {
                    over.store(true, Ordering::Relaxed);
                    break;
                }
                kept.extend_from_slice(&buf[..n]);
            }
        }
    }
    kept
}

pub fn missing(tool: Tool) -> DocumentError {
    DocumentError::ToolMissing {
        format: tool.format,
        program: tool.program,
        package: tool.package,
    }
}

pub fn failed(tool: Tool, message: String) -> DocumentError {
    DocumentError::ToolFailed {
        program: tool.program,
        message,
    }
}

/// The path as an argument.
pub fn arg(path: &Path) -> &std::ffi::OsStr {
    path.as_os_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_names_its_package() {
        let tool = Tool {
            program: "kinerja-no-such-program",
            package: "no-such-package",
            format: "PDF",
        };
        let err = run(tool, &[], None, Duration::from_secs(5), 1000);
        match err {
            Err(DocumentError::ToolMissing { package, .. }) => {
                assert_eq!(package, "no-such-package")
            }
            other => panic!("expected ToolMissing, got {other:?}"),
        }
    }

    #[test]
    fn a_hanging_program_is_stopped() {
        let tool = Tool {
            program: "sleep",
            package: "coreutils",
            format: "PDF",
        };
        let started = Instant::now();
        let result = run(
            tool,
            &[std::ffi::OsStr::new("30")],
            None,
            Duration::from_millis(200),
            1000,
        );
        assert!(matches!(result, Err(DocumentError::ToolFailed { .. })));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn output_is_capped() {
        let tool = Tool {
            program: "yes",
            package: "coreutils",
            format: "PDF",
        };
        let result = run(tool, &[], None, Duration::from_secs(10), 100_000);
        assert!(matches!(result, Err(DocumentError::ToolFailed { .. })));
    }
}
