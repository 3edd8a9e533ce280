// Minimal typings for the parts of NLP.js used by the trained understanding (the packages ship none).
declare module "@nlpjs/neural" {
  export interface NeuralSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean;
  }
  export interface NeuralJson {
    settings: NeuralSettings;
    features: string[];
    intents: string[];
    /** One row per intent: the weight of every feature, then the bias. */
    perceptrons: number[][];
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    settings: Required<NeuralSettings>;
    train(corpus: Array<{ input: Record<string, number>; output: Record<string, number> }>): {
      error: number;
      deltaError: number;
      iterations: number;
    };
    run(input: Record<string, number>): Record<string, number> | undefined;
    prepareCorpus(corpus: Array<{ input: Record<string, number>; output: Record<string, number> }>): unknown;
    runInputPerceptron(perceptron: unknown, input: unknown): number;
    trainPerceptron(perceptron: unknown, data: unknown): number;
    toJSON(): NeuralJson;
  }
}
declare module "@nlpjs/lang-en-min" {
  export class StemmerEn {
    stemWord(word: string): string;
  }
  export class TokenizerEn {
    tokenize(text: string, normalize?: boolean): string[];
  }
}
declare module "@nlpjs/lang-fr" {
  export class StemmerFr {
    stemWord(word: string): string;
  }
  export class TokenizerFr {
    tokenize(text: string, normalize?: boolean): string[];
  }
}
