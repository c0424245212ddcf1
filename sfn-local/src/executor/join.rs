//! Joining the branches of a Parallel state or the iterations of a Map: children polled
//! concurrently on the virtual-time runtime, outputs in input order, the first failure
//! cancelling the rest.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

/// Polls `futures` concurrently, at most `limit` at a time (0 for no limit), starting them
/// in order. Returns the outputs in input order, or the first error (in completion order)
/// together with the indexes of the futures still running when it happened, which are
/// dropped (cancelled).
///
/// Before they are dropped, the children woken at the same virtual instant as the failing
/// one get one last poll with the abort signal set ([`JoinOrdered::settle`]): what
/// happened to them at that instant (a task timing out with its sibling, as recorded in
/// `test_service_lambda_map_timeout`) is still recorded, and the signal makes them stop
/// right after.
pub(crate) struct JoinOrdered<'a, T, E> {
    make: Box<dyn FnMut(usize) -> ChildFuture<'a, T, E> + 'a>,
    total: usize,
    limit: usize,
    started: usize,
    running: Vec<Running<'a, T, E>>,
    results: Vec<Option<T>>,
    parent: Arc<std::sync::Mutex<Option<Waker>>>,
    abort: Option<Rc<AbortSignal>>,
}

/// Tells the children of a failed join (and everything nested in them) to stop at their
/// next check.
#[derive(Debug, Default)]
pub(crate) struct AbortSignal {
    set: Cell<bool>,
    parent: Option<Rc<AbortSignal>>,
}

impl AbortSignal {
    /// A signal that is also set when `parent` is.
    pub(crate) fn child_of(parent: Option<Rc<AbortSignal>>) -> Self {
        Self {
            set: Cell::new(false),
            parent,
        }
    }

    /// Whether this signal or an enclosing one is set.
    pub(crate) fn is_set(&self) -> bool {
        self.set.get() || self.parent.as_ref().is_some_and(|parent| parent.is_set())
    }

    fn raise(&self) {
        self.set.set(true);
    }
}

/// A child of a join.
pub(crate) type ChildFuture<'a, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + 'a>>;

struct Running<'a, T, E> {
    index: usize,
    future: ChildFuture<'a, T, E>,
    flag: Arc<ChildFlag>,
    /// Finished during the current round; dropped at its end.
    done: bool,
}

#[derive(Debug)]
struct ChildFlag {
    woken: AtomicBool,
    parent: Arc<std::sync::Mutex<Option<Waker>>>,
}

impl Wake for ChildFlag {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        if let Ok(parent) = self.parent.lock()
            && let Some(waker) = parent.as_ref()
        {
            waker.wake_by_ref();
        }
    }
}

/// A failed join: the error, the child that raised it, and the children that were
/// cancelled (in start order).
#[derive(Debug)]
pub(crate) struct JoinFailure<E> {
    pub(crate) error: E,
    pub(crate) failed: usize,
    pub(crate) cancelled: Vec<usize>,
}

impl<'a, T, E> JoinOrdered<'a, T, E> {
    /// Joins `total` futures made on demand by `make(index)`.
    pub(crate) fn new(
        total: usize,
        limit: usize,
        make: impl FnMut(usize) -> ChildFuture<'a, T, E> + 'a,
    ) -> Self {
        Self {
            make: Box::new(make),
            total,
            limit,
            started: 0,
            running: Vec::new(),
            results: Vec::new(),
            parent: Arc::new(std::sync::Mutex::new(None)),
            abort: None,
        }
    }

    /// Raises `signal` when a child fails and polls the other children woken at that
    /// instant once more before dropping them.
    pub(crate) fn settle(mut self, signal: Rc<AbortSignal>) -> Self {
        self.abort = Some(signal);
        self
    }

    fn capacity_left(&self) -> bool {
        self.limit == 0 || self.running.len() < self.limit
    }
}

// The join never pins its outputs or errors; children are pinned in their own boxes.
impl<T, E> Unpin for JoinOrdered<'_, T, E> {}

impl<T, E> Future for JoinOrdered<'_, T, E> {
    type Output = Result<Vec<T>, JoinFailure<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if this.results.len() < this.total {
            this.results.resize_with(this.total, || None);
            // Children that wait (a first `yield`) pile up to the limit at once.
            let most = if this.limit == 0 {
                this.total
            } else {
                this.limit.min(this.total)
            };
            this.running.reserve(most);
        }
        if let Ok(mut parent) = this.parent.lock() {
            match parent.as_ref() {
                Some(waker) if waker.will_wake(cx.waker()) => {}
                _ => *parent = Some(cx.waker().clone()),
            }
        }
        loop {
            let mut progressed = false;
            // Poll the running children that were woken, in start order. Finished ones are
            // dropped after the round, so that a round stays linear in the number running.
            for child in &mut this.running {
                if !child.flag.woken.swap(false, Ordering::SeqCst) {
                    continue;
                }
                let waker = Waker::from(Arc::clone(&child.flag));
                let mut child_cx = Context::from_waker(&waker);
                if let Poll::Ready(outcome) = child.future.as_mut().poll(&mut child_cx) {
                    child.done = true;
                    progressed = true;
                    match outcome {
                        Ok(value) => this.results[child.index] = Some(value),
                        Err(error) => {
                            let index = child.index;
                            return Poll::Ready(Err(this.fail(index, error)));
                        }
                    }
                }
            }
            if progressed {
                this.running.retain(|child| !child.done);
            }
            // Start more children while there is room; each gets a first poll at once.
            while this.started < this.total && this.capacity_left() {
                let index = this.started;
                this.started += 1;
                let future = (this.make)(index);
                let flag = Arc::new(ChildFlag {
                    woken: AtomicBool::new(false),
                    parent: Arc::clone(&this.parent),
                });
                this.running.push(Running {
                    index,
                    future,
                    flag,
                    done: false,
                });
                progressed = true;
                // Poll it right away, before starting the next one, so that children that
                // finish at once never pile up in memory.
                let position = this.running.len() - 1;
                let child = &mut this.running[position];
                let waker = Waker::from(Arc::clone(&child.flag));
                let mut child_cx = Context::from_waker(&waker);
                if let Poll::Ready(outcome) = child.future.as_mut().poll(&mut child_cx) {
                    this.running.pop();
                    match outcome {
                        Ok(value) => this.results[index] = Some(value),
                        Err(error) => return Poll::Ready(Err(this.fail(index, error))),
                    }
                }
            }
            if this.running.is_empty() && this.started >= this.total {
                let results = std::mem::take(&mut this.results);
                // Every child has finished, so each slot holds an output; collected into
                // a vector of the right size at once (`flatten` cannot tell the size).
                let mut outputs = Vec::with_capacity(results.len());
                outputs.extend(results.into_iter().flatten());
                return Poll::Ready(Ok(outputs));
            }
            let any_woken = this
                .running
                .iter()
                .any(|child| child.flag.woken.load(Ordering::SeqCst));
            if !progressed && !any_woken {
                return Poll::Pending;
            }
            if !any_woken && !this.capacity_left() {
                return Poll::Pending;
            }
        }
    }
}

impl<T, E> JoinOrdered<'_, T, E> {
    fn fail(&mut self, failed: usize, error: E) -> JoinFailure<E> {
        if let Some(signal) = &self.abort {
            signal.raise();
            for child in self.running.iter_mut().filter(|child| !child.done) {
                if child.flag.woken.swap(false, Ordering::SeqCst) {
                    let waker = Waker::from(Arc::clone(&child.flag));
                    let mut child_cx = Context::from_waker(&waker);
                    // Whatever it returns now is dropped with it: the join has failed.
                    let _ = child.future.as_mut().poll(&mut child_cx);
                }
            }
        }
        let cancelled = self
            .running
            .iter()
            .filter(|child| !child.done && child.index != failed)
            .map(|child| child.index)
            .collect();
        self.running.clear();
        JoinFailure {
            error,
            failed,
            cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use crate::executor::runtime::{Timers, drive};

    #[test]
    fn joined_children_finish_in_timer_order_and_results_keep_input_order() {
        let timers = Rc::new(Timers::starting_at(0));
        let log = RefCell::new(Vec::new());
        let out = drive(&timers, async {
            let delays = [30, 10, 20];
            JoinOrdered::new(3, 0, |index| {
                let timers = &timers;
                let log = &log;
                Box::pin(async move {
                    timers.sleep(delays[index]).await;
                    log.borrow_mut().push((index, timers.now()));
                    Ok::<_, ()>(index * 10)
                })
            })
            .await
        })
        .unwrap();
        assert_eq!(out.unwrap(), vec![0, 10, 20]);
        assert_eq!(*log.borrow(), vec![(1, 10), (2, 20), (0, 30)]);
    }

    #[test]
    fn a_limit_of_one_runs_children_one_after_the_other() {
        let timers = Rc::new(Timers::starting_at(0));
        let out = drive(&timers, async {
            JoinOrdered::new(3, 1, |_| {
                let timers = &timers;
                Box::pin(async move {
                    timers.sleep(5).await;
                    Ok::<_, ()>(timers.now())
                })
            })
            .await
        })
        .unwrap();
        assert_eq!(out.unwrap(), vec![5, 10, 15]);
    }

    #[test]
    fn the_first_failure_cancels_the_running_children() {
        let timers = Rc::new(Timers::starting_at(0));
        let out = drive(&timers, async {
            JoinOrdered::new(3, 0, |index| {
                let timers = &timers;
                Box::pin(async move {
                    timers.sleep([50, 5, 100][index]).await;
                    if index == 1 { Err("boom") } else { Ok(index) }
                })
            })
            .await
        })
        .unwrap();
        let failure = out.unwrap_err();
        assert_eq!(failure.error, "boom");
        assert_eq!(failure.failed, 1);
        assert_eq!(failure.cancelled, vec![0, 2]);
        assert_eq!(timers.now(), 5);
        assert_eq!(timers.pending_count(), 0);
    }

    #[test]
    fn children_due_at_the_failing_instant_settle_before_they_are_cancelled() {
        let timers = Rc::new(Timers::starting_at(0));
        let signal = Rc::new(AbortSignal::default());
        let log = RefCell::new(Vec::new());
        let out = drive(&timers, async {
            JoinOrdered::new(4, 0, |index| {
                let timers = &timers;
                let log = &log;
                let signal = Rc::clone(&signal);
                Box::pin(async move {
                    timers.sleep([5, 5, 9, 5][index]).await;
                    log.borrow_mut().push((index, signal.is_set()));
                    if signal.is_set() {
                        std::future::pending::<()>().await;
                    }
                    if index == 0 {
                        Err("timeout")
                    } else {
                        Ok(index)
                    }
                })
            })
            .settle(Rc::clone(&signal))
            .await
        })
        .unwrap();
        let failure = out.unwrap_err();
        assert_eq!((failure.failed, failure.cancelled), (0, vec![1, 2, 3]));
        // Children 1 and 3 were due at 5 as well and saw the signal; 2 (due at 9) never ran.
        assert_eq!(*log.borrow(), vec![(0, false), (1, true), (3, true)]);
        assert!(signal.is_set());
    }
}
