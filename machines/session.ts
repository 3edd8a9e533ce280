/**
 * The public API of the simulation core (contract; implemented with the
 * XState machine in machines/call-machine.ts). Pure functions: no I/O.
 *
 *   startCall(scenario)                      -> Step   (phone: ringing; in person: customer at the desk, beat "opening")
 *   answerCall(scenario, persisted, rings)   -> Step   (phone only; rings heard before answering; beat "opening")
 *   missCall(scenario, persisted)            -> Step   (the caller hung up after the scenario's maximum rings: outcome not_answered)
 *   traineeSaid(scenario, persisted, text, understanding) -> Step
 *   endCall(scenario, persisted)             -> Step   (the trainee ends the call)
 *   viewOf(scenario, persisted)              -> CallView
 *
 * restore refuses a snapshot whose machineVersion is not MACHINE_VERSION
 * (UnknownMachineVersionError).
 */
export {};
