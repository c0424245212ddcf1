//! Local executor for Amazon States Language workflows (work in progress).
