"""Experiment: the end F1 on PolNeAR dev if the cue scorer were perfect (each verb kept
exactly when the content the rules give it matches a gold attribution). Not a benchmark."""
import sys
sys.path.insert(0,'.')
import quotes as B
from newsprism.analyse import quotes as q
from newsprism.analyse.nlp import load_nlp
nlp=load_nlp()
G={'gold':None,'off':0}
orig=q._cues
def cues(number, sentence, inside, people, offset):
    G['off']=offset; return orig(number, sentence, inside, people, offset)
q._cues=cues
q.cue_features=lambda token, subject, content: content
def score(c, w):
    s,e=c[0]+G['off'],c[1]+G['off']
    return 1.0 if any(B._overlap(s,e,g.content)/g.size>0.3 for g in G['gold'] if g.size) else 0.0
q.cue_score=score
arts=B.load_split(B.DATA,'dev')
tot=B.Score() if hasattr(B,'Score') else None
P=M=Gn=0
for a in arts:
    G['gold']=a.gold
    preds=B.run_newsprism(a,nlp)
    pairs=B.match(preds,a.gold,0.3)
    P+=len(preds); M+=len(pairs); Gn+=len(a.gold)
p=M/P; r=M/Gn; print(f"oracle cue scorer: pred {P} P {p:.3f} R {r:.3f} F1 {2*p*r/(p+r):.3f}")
